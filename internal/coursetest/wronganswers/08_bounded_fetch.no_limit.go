//go:build ignore

package main

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// fetchAll cancels at the first error, but forgets SetLimit: every fetch starts at once.
func fetchAll(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (string, error)) ([]string, error) {
	g, ctx := errgroup.WithContext(ctx)
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
