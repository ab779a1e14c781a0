"""Check helpers the Python client tests share (as test/lib/checks.sh does
for the shell ones): each check prints "ok - ..." or "FAILED - ...", and
summary() prints "N passed, N failed" and gives the exit status."""

passes = failures = 0


def check_that(description, condition, got):
    global passes, failures
    if condition:
        passes += 1
        print(f"ok - {description}")
    else:
        failures += 1
        print(f"FAILED - {description}: got {got}")


def check(description, actual, expected):
    check_that(description, actual == expected, f"{actual!r}, expected {expected!r}")


def summary():
    print(f"{passes} passed, {failures} failed")
    return 1 if failures else 0
