using Lucene.Net.Store;
using LuceneLock = Lucene.Net.Store.Lock;

namespace SearchEngine.Core.Indexing;

/// <summary>
/// Index locks held as an exclusive operating-system lock on the lock file (FileShare.None,
/// which .NET maps to flock on Unix). Lucene.NET's NativeFSLockFactory does not keep a second
/// process out on Linux; this does, and the operating system releases the lock when the holder
/// dies, so a killed server never leaves a stale lock and nobody ever deletes write.lock.
/// </summary>
internal sealed class ExclusiveFileLockFactory : LockFactory
{
    private readonly string directory;

    public ExclusiveFileLockFactory(string directory)
    {
        this.directory = directory;
        m_lockPrefix = null;
    }

    public override LuceneLock MakeLock(string lockName) => new ExclusiveFileLock(Path.Combine(directory, lockName));

    /// <summary>Nothing to clear: an operating-system lock disappears with its holder.</summary>
    public override void ClearLock(string lockName)
    {
    }

    private sealed class ExclusiveFileLock(string path) : LuceneLock
    {
        private FileStream? held;

        public override bool Obtain()
        {
            if (held is not null)
            {
                return false;
            }
            try
            {
                held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        public override bool IsLocked()
        {
            if (held is not null)
            {
                return true;
            }
            try
            {
                using var probe = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return false;
            }
            catch (IOException)
            {
                return true;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                held?.Dispose();
                held = null;
            }
        }

        public override string ToString() => $"{nameof(ExclusiveFileLock)}({path})";
    }
}
