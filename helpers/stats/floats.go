package stats

import (
	"fmt"
	"math"
	"time"
)

// Float64s returns the values converted to float64, in the same order.
// A [time.Duration] becomes its number of nanoseconds. Float64s(nil) is an
// empty, non-nil slice. (It is not called Floats because that name is the
// [Kind] constant.)
func Float64s[T Number](values []T) []float64 {
	out := make([]float64, len(values))
	for i, v := range values {
		out[i] = float64(v)
	}
	return out
}

// finiteFloats converts values to float64 and reports the first NaN or ±Inf
// (possible only for float types) as an error "<fn>: <name>[i] is NaN".
// An empty slice is an error "<fn>: <name> is empty".
func finiteFloats[T Number](fn, name string, values []T) ([]float64, error) {
	if len(values) == 0 {
		return nil, fmt.Errorf("%s: %s is empty", fn, name)
	}
	out := Float64s(values)
	for i, x := range out {
		switch {
		case math.IsNaN(x):
			return nil, fmt.Errorf("%s: %s[%d] is NaN", fn, name, i)
		case math.IsInf(x, 0):
			return nil, fmt.Errorf("%s: %s[%d] is %v", fn, name, i, x)
		}
	}
	return out, nil
}

// KindOf reports the Kind of values of type T: Durations for [time.Duration],
// Integers for any other integer type (including named ones such as
// "type counter int"), Floats for float types. It is the Kind [Bins] gives
// its histograms.
func KindOf[T Number]() Kind {
	if _, ok := any(*new(T)).(time.Duration); ok {
		return Durations
	}
	if isInteger[T]() {
		return Integers
	}
	return Floats
}

// isInteger reports whether T is an integer type: halving one gives zero only
// in integer arithmetic.
func isInteger[T Number]() bool {
	var one T = 1
	return one/2 == 0
}
