using System.IO;
using NUnit.Framework;

namespace MtaSts.Client.Tests;

/// <summary>The README's first example is the QuickStart sample, which the build compiles.</summary>
[TestFixture]
public sealed class ReadmeTests
{
    [Test]
    public void Readme_FirstExample_IsTheQuickStartSample()
    {
        string root = FindRepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        string sample = File.ReadAllText(Path.Combine(root, "samples", "QuickStart", "Program.cs")).ReplaceLineEndings("\n");

        Assert.That(readme, Does.Contain("```csharp\n" + sample + "```\n"));
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MtaSts.Client.sln")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "The tests run inside a clone of the repository.");
        return directory!.FullName;
    }
}
