// The hosts under test share process-wide state (CryptoBackend's configured implementation, the
// console signal handlers) and each one starts Kestrel: run the tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
