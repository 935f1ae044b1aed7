//go:build ignore

package main

// A source answers a question, or gives up with ctx.Err() when ctx is done.
type source func(ctx context.Context) (int, error)

// gather asks every source at once and returns the answers that arrive within budget.
// Wrong: it sleeps a fixed 20ms instead of waiting until its budget.
func gather(budget time.Duration, sources []source) []int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	answers := make(chan int, len(sources))
	for _, ask := range sources {
		go func() {
			if answer, err := ask(ctx); err == nil {
				answers <- answer
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	var got []int
	for {
		select {
		case a := <-answers:
			got = append(got, a)
		default:
			return got
		}
	}
}
