package chart

import "fmt"

// ranged is what a [BarSeries] and a [LineSeries] have in common: a named
// series with one value per category and an optional Low–High range.
type ranged struct {
	name              string
	values, low, high []float64
}

// checkRanged checks the categories and series of Bars and Lines and returns
// the base settings of their chart, with room for the value axis' labels.
// catsName names the categories parameter, field the series' values field
// ("Values", "Y"), per one category ("x").
func checkRanged(fn string, l Labels, catsName, field, per string, cats []string, series []ranged) (base, error) {
	if len(cats) == 0 {
		return base{}, fmt.Errorf("chart.%s: %s is empty", fn, catsName)
	}
	if len(series) == 0 {
		return base{}, fmt.Errorf("chart.%s: no series given", fn)
	}
	var all [][]float64
	for k, s := range series {
		what := fmt.Sprintf("series[%d]", k)
		if len(s.values) != len(cats) {
			return base{}, fmt.Errorf("chart.%s: %s.%s has %s, want %d (one per %s)", fn, what, field, count(len(s.values)), len(cats), per)
		}
		if err := checkFinite(fn, what+"."+field, s.values); err != nil {
			return base{}, err
		}
		if err := checkRange(fn, what, s.low, s.high, len(cats)); err != nil {
			return base{}, err
		}
		all = append(all, s.values, s.low, s.high)
	}
	lo, hi := extent(all...)
	return base{labels: l, legend: len(series) > 1, trigger: "axis", yGap: valueGap(lo, hi)}, nil
}

// describeRanged records the series of a Bars or Lines chart in c (JSON copy,
// palette) and returns its text table, headed first, and the Low–High ranges
// by series index for the tooltip.
func (c *Chart) describeRanged(first string, cats []string, series []ranged) (text string, ranges map[int][][2]float64) {
	t := table{header: []string{first}}
	ranges = map[int][][2]float64{}
	for k, s := range series {
		c.series = append(c.series, seriesCopy{Name: s.name, Data: s.values, Low: s.low, High: s.high})
		c.palette = append(c.palette, colour(k))
		t.header = append(t.header, s.name)
		if s.low != nil {
			ranges[k] = pairsOf(s.low, s.high)
		}
	}
	for i, cat := range cats {
		row := []string{cat}
		for _, s := range series {
			row = append(row, numRange(s.values[i], s.low, s.high, i))
		}
		t.add(row...)
	}
	return heading(c.kind, c.labels) + "\n" + t.String(), ranges
}
