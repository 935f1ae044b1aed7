package chart

import (
	"encoding/json"
	"fmt"
	"maps"
)

// WithData returns a copy of c that carries value as data: in the JSON copy
// that [Show] sends (see "Notebook outputs" in the package documentation) it
// appears under "data" as "name": value. Use it for numbers a cell measured
// that the chart does not draw, such as the share of trials that lost updates
// next to a histogram of the final values, so that notebook tests and the
// course's bench read them as data instead of from the sentences the cell
// prints. The drawing, [Chart.Text] and [Chart.Option] stay as they are.
//
// value may be anything encoding/json encodes: a number, a slice, a map, a
// struct such as a stats.Share ({"Hits": 3, "Total": 200}).
//
// A chart that already has an error is returned as it is. Otherwise, if name
// is empty or already carries data, or value cannot be encoded (NaN, a
// function, a channel), WithData returns a chart whose [Chart.Err] says so,
// for example "chart.WithData: data "lost": json: unsupported value: NaN".
func (c *Chart) WithData(name string, value any) *Chart {
	if c.Err() != nil {
		return c
	}
	if name == "" {
		return errChart(c.kind, c.labels, fmt.Errorf("chart.WithData: name is empty"))
	}
	if _, ok := c.data[name]; ok {
		return errChart(c.kind, c.labels, fmt.Errorf("chart.WithData: the chart already carries data %q", name))
	}
	raw, err := json.Marshal(value)
	if err != nil {
		return errChart(c.kind, c.labels, fmt.Errorf("chart.WithData: data %q: %w", name, err))
	}
	out := *c
	out.data = maps.Clone(c.data)
	if out.data == nil {
		out.data = map[string]json.RawMessage{}
	}
	out.data[name] = raw
	return &out
}
