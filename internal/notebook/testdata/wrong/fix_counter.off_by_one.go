//go:build ignore

package main

func count() int { return 999 }
