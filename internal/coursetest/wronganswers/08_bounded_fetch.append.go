//go:build ignore

package main

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// fetchAll appends each page as it arrives: a data race on pages, and the pages come in
// the order the fetches finish.
func fetchAll(ctx context.Context, urls []string, limit int, fetch func(ctx context.Context, url string) (string, error)) ([]string, error) {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	var pages []string
	for _, url := range urls {
		g.Go(func() error {
			page, err := fetch(ctx, url)
			if err != nil {
				return err
			}
			pages = append(pages, page)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return pages, nil
}
