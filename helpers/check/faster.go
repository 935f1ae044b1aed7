package check

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Faster checks that yours is at least target times as fast as baseline. Each
// function measures a rate once, higher meaning faster (such as reads per
// second), and returns it, or an error if what it measured went wrong (a read
// returned a wrong answer).
//
// Under each GOMAXPROCS setting of s, Faster runs s.Trials paired rounds: in
// each round baseline measures, then yours, both within s.Timeout, and the
// round's ratio is yours ÷ baseline. Pairing means a busy moment on a shared
// machine slows both sides of a round alike. The check passes when, under every
// setting, the median of the ratios is at least target. Rates take time to
// measure, so choose a small s.Trials, such as 5 (0 means 200, as for every
// check).
//
//	PASS: price cache: at least 3× the baseline at every GOMAXPROCS (median 1: 7.9×, 2: 7.8×; 5 rounds each)
//	GOMAXPROCS 1: yours ÷ baseline per round 7.9, 8.1, 7.7, 8, 7.9
//	GOMAXPROCS 2: yours ÷ baseline per round 7.8, 7.6, 7.9, 7.8, 8.2
//
//	FAIL: price cache: at GOMAXPROCS=1 the median is 1.02× the baseline, below the 3× target (median 1: 1.02×, 2: 0.98×; 5 rounds each)
//
// A round whose function returns an error, a rate that is not a finite number,
// a negative rate, or a baseline rate of 0 fails the check at once, quoting
// the problem. A round that blocks or panics fails it too (see the package
// documentation).
//
// A target that is not a finite number > 0, a nil function or an invalid Spec
// is not run: the Verdict has Err set.
func Faster(name string, s Spec, target float64, baseline, yours func() (float64, error)) Verdict {
	const fn = "check.Faster"
	sp, err := s.resolve(fn)
	if err != nil {
		return invalid(err)
	}
	switch {
	case math.IsNaN(target) || math.IsInf(target, 0) || target <= 0:
		return invalid(fmt.Errorf("%s: target must be a finite number > 0, got %v", fn, target))
	case baseline == nil:
		return invalid(errors.New(fn + ": baseline is nil"))
	case yours == nil:
		return invalid(errors.New(fn + ": yours is nil"))
	}
	if v, done := raceFirst(name, &sp, func() { yours() }); done {
		return v
	}

	type round struct {
		ratio float64
		err   error // what went wrong, naming the side
	}
	measure := func(side string, f func() (float64, error)) (float64, error) {
		rate, err := f()
		switch {
		case err != nil:
			return 0, fmt.Errorf("%s: %w", side, err)
		case math.IsNaN(rate) || math.IsInf(rate, 0) || rate < 0:
			return 0, fmt.Errorf("%s measured a rate of %v: a rate must be a finite number >= 0", side, rate)
		}
		return rate, nil
	}
	ratios := map[int][]float64{}
	var wrong string // the first round that went wrong
	h := run(sp, func() round {
		base, err := measure("the baseline", baseline)
		if err != nil {
			return round{err: err}
		}
		if base == 0 {
			return round{err: errors.New("the baseline measured a rate of 0: nothing to compare with")}
		}
		mine, err := measure("yours", yours)
		if err != nil {
			return round{err: err}
		}
		return round{ratio: mine / base}
	}, func(p, i int, r round) bool {
		if r.err != nil {
			wrong = fmt.Sprintf("round %d at GOMAXPROCS=%d: %v", i, p, r.err)
			return false
		}
		ratios[p] = append(ratios[p], r.ratio)
		return true
	})
	if h.text != "" {
		return stoppedReport(name, h, sp).print()
	}
	if wrong != "" {
		r := sp.report(name)
		r.line, r.race, r.hint = wrong, true, hintAlways
		return r.print()
	}

	rounds := fmt.Sprintf("%d rounds", sp.trials)
	if len(sp.procs) > 1 {
		rounds += " each"
	}
	var medians, details []string
	slow, slowMedian := 0, 0.0 // the first setting whose median is below target
	for _, p := range sp.procs {
		sum, err := stats.Summarize(ratios[p])
		if err != nil { // not expected: every setting ran its rounds, all finite
			return invalid(fmt.Errorf("%s: %v", fn, err))
		}
		medians = append(medians, fmt.Sprintf("%d: %s×", p, num(sum.Median)))
		perRound := make([]string, len(ratios[p]))
		for i, x := range ratios[p] {
			perRound[i] = num(x)
		}
		details = append(details, fmt.Sprintf("GOMAXPROCS %d: yours ÷ baseline per round %s", p, strings.Join(perRound, ", ")))
		if slow == 0 && sum.Median < target {
			slow, slowMedian = p, sum.Median
		}
	}
	r := sp.report(name)
	r.details = details
	if slow == 0 {
		r.pass = true
		r.line = fmt.Sprintf("at least %s× the baseline at every GOMAXPROCS (median %s; %s)",
			num(target), strings.Join(medians, ", "), rounds)
		return r.print()
	}
	r.line = fmt.Sprintf("at GOMAXPROCS=%d the median is %s× the baseline, below the %s× target (median %s; %s)",
		slow, num(slowMedian), num(target), strings.Join(medians, ", "), rounds)
	r.hint = hintSlow
	return r.print()
}
