package demo

import (
	"crypto/tls"
	"database/sql"
	"net/http"
	"regexp"
)

type row struct {
	ID   int
	Name string
}

// insertOneByOne is the article's "Batch Processing" bad example: one
// statement, one round trip and one commit per item (sqlperrow).
func insertOneByOne(db *sql.DB, items []row) error {
	for _, item := range items {
		_, err := db.Exec("INSERT INTO items VALUES ($1, $2)", item.ID, item.Name)
		if err != nil {
			return err
		}
	}
	return nil
}

// fetchAll builds a client with its own transport for every URL, where the
// article's "HTTP Client Optimization" keeps one (httptransport).
func fetchAll(urls []string, cfg *tls.Config) error {
	for _, u := range urls {
		client := &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
		resp, err := client.Get(u)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}

// countDates compiles the same pattern for every line (regexpcompile).
func countDates(lines []string) int {
	n := 0
	for _, line := range lines {
		if regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`).MatchString(line) {
			n++
		}
	}
	return n
}
