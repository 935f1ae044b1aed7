//go:build ignore

package main

// predictedSpeedUp is your prediction: time one by one ÷ time all at once, for four
// goroutines that each compute for 5 ms, with GOMAXPROCS=1.
//
// About 1, that is no speed-up: with one P only one goroutine executes at any instant,
// so the four computations take turns and still need 4 × 5 ms = 20 ms in total, exactly
// as one by one. (Starting the goroutines costs a little, so the measurement may come
// out a hair below 1.) Goroutines speed up computing only when there are several Ps
// and free cores to run them on.
const predictedSpeedUp = 1.0
