namespace SearchEngine.Core.Indexing;

/// <summary>Another process holds the index's write lock; the index cannot be opened for writing.</summary>
public sealed class IndexLockedException(string path, Exception inner)
    : Exception($"the index at {path} is locked by another process (its write.lock is held): stop that process or point Index:Path elsewhere", inner);
