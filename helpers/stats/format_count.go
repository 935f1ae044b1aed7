package stats

import "strconv"

// FormatCount writes a whole number with commas between thousands, as the
// course prints counts of goroutines and trials: 1000 → "1,000",
// 1000000 → "1,000,000", -2500 → "-2,500".
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}
