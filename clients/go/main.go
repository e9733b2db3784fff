// Command avatica-check reads the SQLFlow server through calcite-avatica-go with Go's
// database/sql, as a Go program would, and prints what it read in a form the Java integration
// test (StockClientsIT) compares with the database's own answers.
//
// Usage:
//
//	avatica-check URL query SQL    one line per value: row<TAB>column<TAB>value
//	avatica-check URL params       binds ? parameters and prints the row read back
//	avatica-check URL log SQL      one line per log row of an extended statement
package main

import (
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	_ "github.com/apache/calcite-avatica-go/v5"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: avatica-check URL query SQL | params | log SQL")
		os.Exit(2)
	}
	db, err := sql.Open("avatica", os.Args[1])
	check(err)
	defer db.Close()
	switch os.Args[2] {
	case "query":
		printRows(db, os.Args[3])
	case "params":
		printRows(db, "SELECT ?, ?, ?", int64(41), "text", 2.5)
	case "log":
		printRows(db, os.Args[3])
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", os.Args[2])
		os.Exit(2)
	}
}

func printRows(db *sql.DB, query string, args ...any) {
	rows, err := db.Query(query, args...)
	check(err)
	defer rows.Close()
	columns, err := rows.ColumnTypes()
	check(err)
	values := make([]any, len(columns))
	pointers := make([]any, len(columns))
	for i := range values {
		pointers[i] = &values[i]
	}
	row := 0
	for rows.Next() {
		row++
		check(rows.Scan(pointers...))
		for i, column := range columns {
			fmt.Printf("%d\t%s\t%s\n", row, column.Name(), show(values[i], column.DatabaseTypeName()))
		}
	}
	check(rows.Err())
}

// show prints a value as the Java test reads it back: NULL, numbers in their shortest form,
// bytes as 0x-hex, times to the millisecond (what Avatica's time representations carry).
func show(value any, typeName string) string {
	switch v := value.(type) {
	case nil:
		return "NULL"
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case []byte:
		return "0x" + hex.EncodeToString(v)
	case string:
		return v
	case time.Time:
		switch strings.ToUpper(typeName) {
		case "DATE", "YEAR":
			return v.Format("2006-01-02")
		case "TIME":
			return v.Format("15:04:05.000")
		default:
			return v.Format("2006-01-02 15:04:05.000")
		}
	default:
		return fmt.Sprintf("%v", v)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
