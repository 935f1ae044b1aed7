//go:build ignore

package main

// A source answers a question, or gives up with ctx.Err() when ctx is done.
type source func(ctx context.Context) (int, error)

// gather asks every source at once and returns the answers that arrive within budget.
func gather(budget time.Duration, sources []source) []int {
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel() // when gather returns, the late sources give up

	answers := make(chan int, len(sources)) // room for every answer: no sender waits
	for _, ask := range sources {
		go func() {
			if answer, err := ask(ctx); err == nil {
				answers <- answer
			}
		}()
	}
	var got []int
	for range sources {
		select {
		case a := <-answers:
			got = append(got, a)
		case <-ctx.Done(): // the deadline: keep what came in time
			return got
		}
	}
	return got
}
