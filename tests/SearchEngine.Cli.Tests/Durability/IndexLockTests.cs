using System.Diagnostics;
using SearchEngine.Cli.Tests.Infrastructure;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary>One index, one server: a second server process on a held index refuses to start, and leaves the lock alone.</summary>
[Collection(nameof(DurabilityCollection))]
public sealed class IndexLockTests
{
    private static readonly TimeSpan RefusalTimeout = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 3 * 60 * 1000)]
    public async Task Second_server_on_a_held_index_exits_saying_it_is_locked_and_leaves_write_lock_in_place()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var indexPath = Path.Combine(folder.Path, "index");
        var lockFile = Path.Combine(indexPath, IndexFolder.LockFileName);
        await using var holder = await ServerProcess.StartAsync("holding server", indexPath, cancellationToken);
        Assert.True(File.Exists(lockFile), $"{lockFile} does not exist while a server holds the index");

        var clock = Stopwatch.StartNew();
        await using var second = ChildProcess.Start("second server", BuiltPrograms.Server, ServerProcess.Arguments(UnusedPort.Address(), indexPath));
        Assert.True(await second.WaitForExitAsync(RefusalTimeout, cancellationToken),
            $"a second server on a held index still runs after {RefusalTimeout.TotalSeconds} s: {second}");
        TestContext.Current.TestOutputHelper?.WriteLine($"the second server exited with {second.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s; stderr: {second.Error.Trim()}");

        Assert.True(second.ExitCode != 0, $"a second server on a held index should fail: {second}");
        Assert.True(second.Error.Contains("locked", StringComparison.OrdinalIgnoreCase) && second.Error.Contains(indexPath, StringComparison.Ordinal),
            $"the second server's error output should say that the index at {indexPath} is locked: {second}");
        Assert.True(File.Exists(lockFile), $"{lockFile} was deleted by the server that could not get it");

        // The first server still holds the operating-system lock, and still serves.
        Assert.Throws<IOException>(() => new FileStream(lockFile, FileMode.Open, FileAccess.Read, FileShare.None).Dispose());
        Assert.Equal(0, await holder.GetArticleCountAsync(cancellationToken));
    }
}
