package program_test

import (
	"fmt"

	"github.com/go-concurrency-lab/course/helpers/program"
)

// Build a program once, run it several times, and count the runs that printed
// a line.
func Example() {
	hello, err := program.Build(`package main

import "fmt"

func main() {
	fmt.Println("hello")
}
`)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer hello.Remove()
	runs, err := hello.Run(5, 2) // 5 runs, at most 2 at the same time
	fmt.Println(runs.Printed("hello"), len(runs.Took), err)
	// Output:
	// 5/5 (100%) 5 <nil>
}
