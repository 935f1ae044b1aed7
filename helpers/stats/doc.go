// Package stats turns measurements into summaries: a [Summary] of the
// distribution with a confidence interval for the median, a [Share] of trials
// with some property with its Wilson interval, and a [Histogram] for charts.
//
// The functions accept integers, floats and [time.Duration] values (see
// [Number]); durations are taken as nanoseconds. Bad input (no values, NaN or
// ±Inf, a percentile out of range, a bin count below one) is reported as an
// error that names the function, the parameter and the value, for example
// "stats.Summarize: values[4] is NaN". No function in this package panics on
// bad input or changes the slices passed to it.
//
// Results are deterministic: the same values always give the same summary,
// including the bootstrap interval, so a rerun notebook prints the same text.
package stats
