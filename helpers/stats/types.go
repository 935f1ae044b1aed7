package stats

import "time"

// Number is any value the stats functions accept: integers, floats and durations
// (a [time.Duration] is summarised in nanoseconds).
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 |
		~float32 | ~float64
}

// Kind says what the values of a [Histogram] are, so that labels can be written
// in the right unit.
type Kind int

const (
	Floats    Kind = iota // plain numbers
	Integers              // whole numbers, such as final counter values
	Durations             // nanoseconds, labelled as durations
)

// Bin counts the values v with Low <= v < High; the last bin of a histogram also
// holds values equal to its High.
type Bin struct {
	Low, High float64
	Count     int
}

// Histogram is values binned into consecutive bins of equal width.
// The counts of its bins add up to Count.
type Histogram struct {
	Kind  Kind
	Bins  []Bin
	Count int
}

// Seconds converts durations to float64 seconds.
func Seconds(ds []time.Duration) []float64 {
	out := make([]float64, len(ds))
	for i, d := range ds {
		out[i] = d.Seconds()
	}
	return out
}
