using System.Reflection;
using System.Runtime.InteropServices;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary>
/// The server and the command line as built beside their projects, in the configuration and
/// target framework of this test assembly (Debug under a plain <c>dotnet test</c>), and the
/// <c>dotnet</c> host that runs them as separate processes.
/// </summary>
public static class BuiltPrograms
{
    /// <summary>SearchEngine.Server.dll, run as <c>dotnet SearchEngine.Server.dll</c>.</summary>
    public static string Server => Find("SearchEngine.Server", "SearchEngine.Server.dll");

    /// <summary>searchengine.dll, the command line, run as <c>dotnet searchengine.dll</c>.</summary>
    public static string Cli => Find("SearchEngine.Cli", "searchengine.dll");

    /// <summary>The dotnet host that runs this test, so that the children use the same runtime.</summary>
    public static string DotnetHost { get; } = FindDotnetHost();

    private static string Configuration =>
        typeof(BuiltPrograms).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";

    // The test binaries sit in bin/<Configuration>/<TargetFramework>/, and so do the programs'.
    private static string TargetFramework => new DirectoryInfo(AppContext.BaseDirectory).Name;

    private static string Find(string project, string fileName)
    {
        var path = Path.Combine(RepositoryPaths.Root, "src", project, "bin", Configuration, TargetFramework, fileName);
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: build src/{project} in the {Configuration} configuration (building this test project does)");
        }
        return path;
    }

    private static string FindDotnetHost()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        // Set by the dotnet CLI for the processes it starts.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }
        if (Environment.ProcessPath is { } current && Path.GetFileName(current) == executable)
        {
            return current;
        }
        // The runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var runtimeFolder = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        var fromRuntime = runtimeFolder.Parent?.Parent?.Parent is { } root ? Path.Combine(root.FullName, executable) : null;
        return fromRuntime is not null && File.Exists(fromRuntime) ? fromRuntime : executable;
    }
}
