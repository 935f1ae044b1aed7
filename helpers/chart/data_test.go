package chart

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

func TestWithData(t *testing.T) {
	c := LogHistogram(Labels{Title: "Racy counter"}, Data("GOMAXPROCS=1", []int{100, 100}), Data("GOMAXPROCS=2", []int{99, 100}))
	lost := map[string]stats.Share{"GOMAXPROCS=1": {Hits: 0, Total: 2}, "GOMAXPROCS=2": {Hits: 1, Total: 2}}
	d := c.WithData("trials that lost updates", lost).WithData("want", 100)
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	if d.Text() != c.Text() || d.HTML() != c.HTML() {
		t.Error("WithData changed the drawing or the text")
	}
	var doc struct {
		Series []struct{ Name string }
		Data   struct {
			Lost map[string]stats.Share `json:"trials that lost updates"`
			Want int
		}
	}
	if err := json.Unmarshal([]byte(d.jsonCopy()), &doc); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(doc.Data.Lost, lost) || doc.Data.Want != 100 || len(doc.Series) != 2 {
		t.Errorf("JSON copy = %+v", doc)
	}
	// The original is unchanged: no "data" in its copy.
	if strings.Contains(c.jsonCopy(), `"data":{`) || len(c.data) != 0 {
		t.Errorf("WithData changed the chart it was called on: %v", c.data)
	}

	for _, tc := range []struct {
		c    *Chart
		want string
	}{
		{c.WithData("", 1), "chart.WithData: name is empty"},
		{d.WithData("want", 99), `chart.WithData: the chart already carries data "want"`},
		{c.WithData("mean", math.NaN()), `chart.WithData: data "mean": json: unsupported value: NaN`},
		{c.WithData("f", func() {}), `chart.WithData: data "f": json: unsupported type: func()`},
		{Bars(Labels{}, nil).WithData("x", 1), "chart.Bars: categories is empty"},
		{(*Chart)(nil).WithData("x", 1), "chart: the chart is nil"},
	} {
		err := tc.c.Err()
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Err() = %v, want %q", err, tc.want)
		}
	}
}
