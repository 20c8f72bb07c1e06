namespace SearchEngine.Bench;

/// <summary>A run that cannot go on (missing build, failed process); reported as one line.</summary>
internal sealed class BenchException(string message) : Exception(message);
