//go:build ignore

package main

// Reads take no lock at all: the fastest, and a data race with SetPrice.
func (c *priceCache) Price(item string) (int, bool) {
	price, ok := c.prices[item]
	time.Sleep(decodeTime)
	return price, ok
}
