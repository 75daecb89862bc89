package reportpolicy

//lint:file-ignore marker this file is a fixture of file-wide suppression

func fileIgnored() {
	mark()
}
