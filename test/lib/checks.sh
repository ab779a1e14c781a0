# Check helpers the shell test runners share (sourced, not run): each check
# prints "ok - ..." or "FAILED - ...", and finish prints the summary line
# "N passed, N failed" that scripts/test.sh adds up.
passed=0
failed=0

result() {		# result DESCRIPTION OK? [DETAIL]
	if [ "$2" = 0 ]; then
		echo "ok - $1"
		passed=$((passed + 1))
	else
		echo "FAILED - $1${3:+: $3}"
		failed=$((failed + 1))
	fi
}

expect() {		# expect DESCRIPTION ACTUAL EXPECTED
	[ "$2" = "$3" ]
	result "$1" $? "got '$2', expected '$3'"
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
	exit
}
