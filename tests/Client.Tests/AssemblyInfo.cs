using Gateway.Client.Tests.Infrastructure;

// The tests of src/Client and src/LoadGen. One gateway node serves the whole assembly (each test uses rooms of
// its own); tests run one at a time, because Opus on two cores is what the media tests' timing depends on.
[assembly: AssemblyFixture(typeof(NodeFixture))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
