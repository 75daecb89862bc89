module example.com/assertmod

go 1.26
