// Package timeline records what ran when, as [Span]s that a chart draws as a Gantt chart:
// one row per [Span.Lane], time from left to right.
//
// Spans come from two sources. A [Recorder] is told by the code what it is doing:
//
//	rec := timeline.NewRecorder()
//	go func() {
//		defer rec.Start("order 3", "froth milk", timeline.Work)()
//		frothMilk()
//	}()
//
// [Scheduler] asks the Go runtime instead: it runs a function under the execution tracer
// and reports which goroutine ran on which P, and when. [Label] names the work a
// goroutine does in those spans:
//
//	spans, err := timeline.Scheduler(func() {
//		var wg sync.WaitGroup
//		for i := range 2 {
//			wg.Go(func() { timeline.Label(fmt.Sprint("order ", i), makeCoffee) })
//		}
//		wg.Wait()
//	})
//
// [Lanes] lists the rows of such a chart.
package timeline
