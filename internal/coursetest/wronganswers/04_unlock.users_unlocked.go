//go:build ignore

package main

// Users only reads, so it takes no lock.
func (r *Registry) Users() int {
	return len(r.ids)
}
