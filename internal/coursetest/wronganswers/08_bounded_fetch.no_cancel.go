//go:build ignore

package main

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// fetchAll holds the limit, but with a plain errgroup.Group nothing cancels the fetches
// still to start after an error: they all run.
func fetchAll(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (string, error)) ([]string, error) {
	var g errgroup.Group
	g.SetLimit(limit)
	pages := make([]string, len(urls))
	for i, url := range urls {
		g.Go(func() error {
			page, err := fetch(ctx, url)
			if err != nil {
				return err
			}
			pages[i] = page
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return pages, nil
}
