//go:build ignore

package main

import "context"

// fetchAll limits with a buffered channel and returns at the first error it sees, without
// waiting for the fetches still running (and without cancelling the ones to come).
func fetchAll(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (string, error)) ([]string, error) {
	slots := make(chan struct{}, limit)
	errs := make(chan error, len(urls))
	pages := make([]string, len(urls))
	for i, url := range urls {
		slots <- struct{}{}
		go func() {
			defer func() { <-slots }()
			page, err := fetch(ctx, url)
			pages[i] = page
			errs <- err
		}()
	}
	for range urls {
		if err := <-errs; err != nil {
			return nil, err
		}
	}
	return pages, nil
}
