# The demo's two charts, from the CSV files that scripts/demo.sql writes:
#   gnuplot -c scripts/demo_charts.gp FOLDER
# reads FOLDER/round_trips_per_week.csv and FOLDER/port_calls_timeline.csv and
# writes FOLDER/round_trips_per_week.png and FOLDER/port_calls_timeline.png.

dir = ARG1 eq "" ? "demo-output" : ARG1
weekly = dir . "/round_trips_per_week.csv"
timeline = dir . "/port_calls_timeline.csv"
tfmt = "%Y-%m-%d %H:%M:%S"
day = 86400.

set datafile separator comma
set datafile missing ""

# Colours told apart with most kinds of colour blindness (Okabe and Ito)
rajin_colour = "#D55E00"
dunay_colour = "#0072B2"
vostochny_colour = "#009E73"
dark_colour = "#666666"
met_colour = "#CC79A7"
quiet_colour = "#EFEFEF"

# The last call at Rajin (its last departure) and the span of the data
stats timeline skip 1 using (strcol(3) eq "Rajin" ? timecolumn(5, tfmt) : NaN) name "RAJIN" nooutput
last_call = RAJIN_max
stats timeline skip 1 using (timecolumn(4, tfmt)) name "FIRST" nooutput
stats timeline skip 1 using (timecolumn(5, tfmt)) name "LAST" nooutput
stats timeline skip 1 using 1 name "ROWS" nooutput
stats weekly skip 1 using (timecolumn(1, "%Y-%m-%d")):2 name "WEEKS" nooutput
stats weekly skip 1 using 3 name "SOFAR" nooutput

# Month tics (labelled "Aug 2023") from the month of t0 to t1
month_start(t) = strptime("%Y-%m", strftime("%Y-%m", t))
month_tics(t0, t1) = sprintf("set xtics (%s)", month_list(month_start(t0), t1))
month_list(m, t1) = m > t1 ? "" : sprintf("\"%s\" %.0f", strftime("%b %Y", m), m) . \
	(month_start(m + 32 * day) > t1 ? "" : ", " . month_list(month_start(m + 32 * day), t1))

set terminal pngcairo size 1400, 640 font "DejaVu Sans,12" enhanced
set encoding utf8
set border 11
set tics nomirror out
set grid xtics lc rgb "#DDDDDD" lw 1 dt 1

############################################################ weekly round trips
set output dir . "/round_trips_per_week.png"
week_first = WEEKS_min_x
week_end = WEEKS_max_x + 7 * day
set title "Completed round trips Dunay/Vostochny → Rajin → home, per week\n{/*0.8 Rajin sample (synthetic data): trips counted in the week the ship got home; weeks start on Monday}"
set xdata time
set xrange [week_first : week_end]
eval month_tics(week_first + 7 * day, week_end)
set xlabel "week of the return home"
set ylabel "round trips completed in the week"
set yrange [0 : WEEKS_max_y + 1]
set ytics 1
set y2label "round trips completed so far"
set y2range [0 : ceil(SOFAR_max * 1.15)]
set y2tics 4
set grid ytics
set boxwidth 0.8 * 7 * day absolute
set style fill solid 0.9 noborder
set key top left opaque box width 1 samplen 2.5
set object 1 rectangle from last_call, graph 0 to week_end, graph 1 \
	fillcolor rgb quiet_colour fillstyle solid 1.0 noborder behind
set arrow 1 from last_call, graph 0 to last_call, graph 1 nohead lw 2 dt 2 lc rgb rajin_colour front
set label 1 sprintf("last call at Rajin\n%s", strftime("%d %b %Y", last_call)) \
	at (last_call + week_end) / 2, graph 0.74 center textcolor rgb rajin_colour front
set label 2 "Rajin quiet:\nno call since" at (last_call + week_end) / 2, graph 0.55 center front
plot weekly skip 1 using (timecolumn(1, "%Y-%m-%d") + 3.5 * day):2 with boxes \
		lc rgb dunay_colour title "completed in the week (bars, left axis)", \
	'' skip 1 using (timecolumn(1, "%Y-%m-%d") + 7 * day):3 axes x1y2 with steps \
		lw 2 lc rgb "#333333" title "completed so far (line, right axis)", \
	'' skip 1 using (timecolumn(1, "%Y-%m-%d") + 3.5 * day):2:(sprintf("%d", $2)) with labels \
		offset 0, 0.7 textcolor rgb "#333333" notitle
unset object 1
unset arrow 1
unset label 1
unset label 2
unset y2tics
unset y2label
unset grid
set grid xtics lc rgb "#DDDDDD" lw 1 dt 1

############################################################ timeline of calls
set output dir . "/port_calls_timeline.png"
set terminal pngcairo size 1400, 560 font "DejaVu Sans,12" enhanced
set title offset 0, 1.2 "Port calls per ship: bars from arrival to departure\n{/*0.8 Rajin sample (synthetic data): calls of at least 1 hour (maritime.port\\_visits); grey: no position for 6 hours or more (maritime.gaps)}"
set xrange [month_start(FIRST_min) : LAST_max]
eval month_tics(FIRST_min, LAST_max)
set xlabel "date (UTC)"
set ylabel "ship (MMSI)"
set yrange [0.4 : ROWS_max + 0.6]
set ytics () scale 0
set style fill solid 1.0 noborder
set tmargin 6.5
set key nobox noopaque at graph 0.5, graph 1.01 center bottom horizontal samplen 2.5 spacing 1 width -2
set object 1 rectangle from last_call, graph 0 to LAST_max, graph 1 \
	fillcolor rgb quiet_colour fillstyle solid 1.0 noborder behind
set arrow 1 from last_call, graph 0 to last_call, graph 1 nohead lw 2 dt 2 lc rgb rajin_colour front
set label 1 sprintf("last call at Rajin, %s", strftime("%d %b %Y", last_call)) \
	at last_call, 1.5 offset -0.8, 0 right textcolor rgb rajin_colour front
set label 2 "Rajin quiet" at (last_call + LAST_max) / 2, 1.5 center front
# A bar from start_time (column 4) to end_time (column 5) on the ship's row
# (column 1), for the rows of one kind (column 3): port name or "dark"; a
# meeting at sea, hours long, is a marker at its middle
tc(c) = timecolumn(c, tfmt)
centre(kind) = strcol(3) eq kind ? (tc(4) + tc(5)) / 2 : NaN
# (the first plot only names the rows, ships without any bar included)
plot timeline skip 1 using (0):1:ytic(2) with points pt -1 notitle, \
	'' skip 1 using (centre("dark")):1:((tc(5) - tc(4)) / 2):(0.04) \
		with boxxyerror lc rgb dark_colour notitle, \
	'' skip 1 using (centre("Dunay")):1:((tc(5) - tc(4)) / 2):(0.3) \
		with boxxyerror lc rgb dunay_colour title "call at Dunay", \
	'' skip 1 using (centre("Vostochny")):1:((tc(5) - tc(4)) / 2):(0.3) \
		with boxxyerror lc rgb vostochny_colour title "call at Vostochny", \
	'' skip 1 using (centre("Rajin")):1:((tc(5) - tc(4)) / 2):(0.3) \
		with boxxyerror lc rgb rajin_colour title "call at Rajin", \
	'' skip 1 using (centre("met at sea")):1 with points pt 7 ps 2 lc rgb met_colour \
		title "met at sea", \
	NaN with boxes lc rgb dark_colour title "AIS dark ≥ 6 h"
