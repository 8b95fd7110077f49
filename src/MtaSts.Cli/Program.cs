using System;
using System.Threading.Tasks;

namespace MtaSts.Cli;

/// <summary>The entry point of the <c>mtasts</c> tool.</summary>
internal static class Program
{
    /// <summary>Runs the command line against the console.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The exit code, one of <see cref="ExitCodes"/>.</returns>
    public static Task<int> Main(string[] args) =>
        MtaStsCommand.RunAsync(args, Console.Out, Console.Error, Console.OpenStandardInput());
}
