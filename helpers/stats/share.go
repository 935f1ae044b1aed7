package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Share is the number of trials, Hits out of Total, that had some property,
// such as "the counter came out wrong". Hits is between 0 and Total.
type Share struct {
	Hits, Total int
}

// Fraction counts the values for which holds returns true.
// It calls holds once per value, in order.
// It returns an error if values is empty or holds is nil.
func Fraction[T any](values []T, holds func(T) bool) (Share, error) {
	switch {
	case len(values) == 0:
		return Share{}, fmt.Errorf("stats.Fraction: values is empty")
	case holds == nil:
		return Share{}, fmt.Errorf("stats.Fraction: holds is nil")
	}
	s := Share{Total: len(values)}
	for _, v := range values {
		if holds(v) {
			s.Hits++
		}
	}
	return s, nil
}

// Value returns Hits/Total, a number in [0, 1], or 0 when Total is 0.
func (s Share) Value() float64 {
	if s.Total <= 0 {
		return 0
	}
	return max(0, min(1, float64(s.Hits)/float64(s.Total)))
}

// Percent returns 100·Value().
func (s Share) Percent() float64 { return 100 * s.Value() }

// Interval returns a 95% confidence interval for the probability of a hit,
// the Wilson score interval, as fractions with 0 <= low <= Value() <= high <= 1.
// Unlike the textbook interval Value() ± 1.96·SE it is sensible for 0 or all
// hits: 0 hits in 200 trials gives about (0, 0.019), not (0, 0).
// A Share with Total 0 gives (0, 1).
func (s Share) Interval() (low, high float64) {
	if s.Total <= 0 {
		return 0, 1
	}
	const z = 1.959963984540054 // 97.5th percentile of the standard normal
	n := float64(s.Total)
	p := s.Value()
	denom := 1 + z*z/n
	center := (p + z*z/(2*n)) / denom
	half := z * math.Sqrt(p*(1-p)/n+z*z/(4*n*n)) / denom
	return max(0, min(p, center-half)), min(1, max(p, center+half))
}

// String formats s as hits/total and percentage, for example "37/200 (18.5%)".
func (s Share) String() string {
	pct := s.Percent()
	text := strconv.FormatFloat(pct, 'f', 1, 64)
	switch {
	case pct > 0 && text == "0.0":
		text = strconv.FormatFloat(pct, 'g', 2, 64) // 0.0012%, not 0.0%
	case pct < 100 && text == "100.0":
		for dec := 2; strings.HasPrefix(text, "100") && dec <= 15; dec++ {
			text = strconv.FormatFloat(pct, 'f', dec, 64) // 99.99%, not 100.0%
		}
	case strings.HasSuffix(text, ".0"):
		text = text[:len(text)-2]
	}
	return fmt.Sprintf("%d/%d (%s%%)", s.Hits, s.Total, text)
}
