package stats

import (
	"fmt"
	"math"
	"slices"
)

// MedianOf returns the median of pick(v) over values, in pick's type: the
// middle one, or for an even count the mean of the middle two, rounded to the
// nearest integer for integer types and durations. It reads one field of many
// trial outcomes without collecting it first, for example when main looked:
//
//	looked, err := stats.MedianOf(looks, func(l look) time.Duration { return l.looked })
//
// MedianOf calls pick once per value, in order. It returns an error if values
// is empty, pick is nil, or pick returns NaN or ±Inf. It does not modify
// values.
func MedianOf[T any, N Number](values []T, pick func(T) N) (N, error) {
	const fn = "stats.MedianOf"
	if pick == nil {
		return 0, fmt.Errorf("%s: pick is nil", fn)
	}
	picked := make([]N, len(values))
	for i, v := range values {
		picked[i] = pick(v)
	}
	xs, err := finiteFloats(fn, "values", picked)
	if err != nil {
		return 0, err
	}
	slices.Sort(xs)
	m := median(xs)
	if KindOf[N]() != Floats {
		m = math.Round(m)
	}
	return N(m), nil
}
