package sub

const X = 1
