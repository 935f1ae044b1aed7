//go:build ignore

package main

// firstAnswer asks every mirror at once and returns the first answer to arrive.
// Wrong: the senders give up when ctx is done, but nobody ever cancels ctx.
func firstAnswer(mirrors []func() string) string {
	ctx, _ := context.WithCancel(context.Background())
	answers := make(chan string)
	for _, mirror := range mirrors {
		go func() {
			select {
			case answers <- mirror():
			case <-ctx.Done():
			}
		}()
	}
	return <-answers
}
