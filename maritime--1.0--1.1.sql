/* maritime--1.0--1.1.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION maritime UPDATE TO '1.1'" to load this file. \quit

-- 1.1 changes the library (PostgreSQL 17 and 18, the fixes of the code
-- review) and no SQL object yet: track_agg's FINALFUNC_MODIFY, now written
-- out in maritime--1.1.sql, is READ_ONLY as 1.0's default was.
