// The tests of src/Codecs start here.
