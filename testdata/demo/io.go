package demo

import (
	"bufio"
	"fmt"
	"os"
)

// readFileBad is the article's "Unbuffered I/O" example: fmt.Fscanln on
// the file reads it a byte per system call (unbufio).
func readFileBad(filename string) error {
	file, err := os.Open(filename)
	if err != nil {
		return err
	}
	defer file.Close()

	for {
		var line string
		_, err := fmt.Fscanln(file, &line) // Unbuffered
		if err != nil {
			break
		}
		processLine(line)
	}
	return nil
}

// readFileGood is the article's fix; perfvet is silent on it.
func readFileGood(filename string) error {
	file, err := os.Open(filename)
	if err != nil {
		return err
	}
	defer file.Close()

	scanner := bufio.NewScanner(file) // Buffered
	for scanner.Scan() {
		processLine(scanner.Text())
	}
	return scanner.Err()
}

func processLine(string) {}

// writeLinesBad writes a line per system call (unbufio, with a fix).
func writeLinesBad(filename string, lines []string) error {
	file, err := os.Create(filename)
	if err != nil {
		return err
	}
	defer file.Close()
	for _, line := range lines {
		fmt.Fprintln(file, line)
	}
	return nil
}
