//go:build ignore

package main

// A source answers a question, or gives up with ctx.Err() when ctx is done.
type source func(ctx context.Context) (int, error)

// gather asks every source at once and returns the answers that arrive within budget.
// Wrong: the goroutines append to got while gather reads it: a data race.
func gather(budget time.Duration, sources []source) []int {
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	var got []int
	for _, ask := range sources {
		go func() {
			if answer, err := ask(ctx); err == nil {
				got = append(got, answer)
			}
		}()
	}
	<-ctx.Done()
	return got
}
