// The tests of src/E2ee start here.
