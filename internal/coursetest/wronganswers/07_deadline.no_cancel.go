//go:build ignore

package main

// A source answers a question, or gives up with ctx.Err() when ctx is done.
type source func(ctx context.Context) (int, error)

// gather asks every source at once and returns the answers that arrive within budget.
// Wrong: it stops waiting at the deadline, but the late sources never hear of it.
func gather(budget time.Duration, sources []source) []int {
	answers := make(chan int, len(sources))
	for _, ask := range sources {
		go func() {
			if answer, err := ask(context.Background()); err == nil {
				answers <- answer
			}
		}()
	}
	deadline := time.After(budget)
	var got []int
	for range sources {
		select {
		case a := <-answers:
			got = append(got, a)
		case <-deadline:
			return got
		}
	}
	return got
}
