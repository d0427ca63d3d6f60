// The tests of src/Client start here.
