//go:build ignore

package main

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// fetchAll fetches every URL, at most limit at once, and returns the pages in the order of urls.
// On the first error it returns that error, and fetches that have not started must not start.
func fetchAll(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (string, error)) ([]string, error) {
	g, ctx := errgroup.WithContext(ctx) // ctx is cancelled at the first error
	g.SetLimit(limit)                   // g.Go blocks while limit fetches run
	pages := make([]string, len(urls))
	for i, url := range urls {
		g.Go(func() error {
			page, err := fetch(ctx, url) // a fetch that starts after an error sees ctx cancelled
			if err != nil {
				return err
			}
			pages[i] = page // each goroutine writes its own element
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return pages, nil
}
