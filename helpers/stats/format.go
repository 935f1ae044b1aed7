package stats

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// FormatNumber writes x with up to four significant digits, without an exponent
// for ordinary magnitudes: 998, 997.4, 0.01235, 123457. Whole numbers are written
// in full.
func FormatNumber(x float64) string {
	ax := math.Abs(x)
	switch {
	case x == math.Trunc(x) && ax < 1e15:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case ax >= 1e-3 && ax < 1e15:
		decimals := max(0, 3-int(math.Floor(math.Log10(ax))))
		s := strconv.FormatFloat(x, 'f', decimals, 64)
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		return s
	default:
		return strconv.FormatFloat(x, 'g', 4, 64)
	}
}

// FormatSignificant writes x rounded to the given number of significant digits
// (at least one), without an exponent and without trailing zeros:
// FormatSignificant(1.934, 3) is "1.93", FormatSignificant(1234, 3) is "1230" and
// FormatSignificant(0.05, 3) is "0.05". The exercise checks print their
// predictions and measurements this way.
func FormatSignificant(x float64, digits int) string {
	y, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', max(1, digits), 64), 64)
	return strconv.FormatFloat(y, 'f', -1, 64)
}

// RoundDuration rounds d to three significant digits, so that it prints as
// 1.23ms, 45.7µs or 812ns.
func RoundDuration(d time.Duration) time.Duration {
	unit := time.Duration(1)
	for a := d.Abs(); a >= 1000; a /= 10 {
		unit *= 10
	}
	return d.Round(unit)
}

// formatDuration writes ns nanoseconds as a duration with three significant digits,
// clamping values beyond the range of time.Duration.
func formatDuration(ns float64) string {
	const limit = float64(math.MaxInt64)
	return RoundDuration(time.Duration(max(-limit, min(limit, math.Round(ns))))).String()
}
