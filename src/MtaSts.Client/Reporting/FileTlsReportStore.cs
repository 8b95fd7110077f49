using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>
/// A report store that survives a crash and a restart: it counts in memory and writes each changed
/// day of each Policy Domain to a file of its own in a directory, every <c>flushInterval</c>, on
/// <see cref="FlushAsync"/> and when disposed. On start it reads the files back and goes on counting.
/// </summary>
/// <remarks>
/// <para>
/// A file is replaced whole, never edited: the new content goes to a temporary file in the same
/// directory, is flushed to disk, and is renamed over the old file, so a crash at any point leaves
/// either the old or the new counts, never a mix. Leftover temporary files are deleted on start; a
/// file that cannot be read is renamed to <c>.corrupt</c> and logged, not silently dropped.
/// </para>
/// <para>
/// Counts recorded since the last write are lost if the process dies; a shorter interval loses
/// fewer. One process uses a directory at a time. The directory entry of a rename is not flushed
/// to disk separately, so a power loss (not a process crash) right after a write can bring back
/// the previous counts.
/// </para>
/// </remarks>
public sealed partial class FileTlsReportStore : ITlsReportStore, IAsyncDisposable, IDisposable
{
    private const string Extension = ".json";
    private const string TemporaryExtension = ".tmp";
    private const string CorruptExtension = ".corrupt";
    private const string Format = "mtasts-tlsrpt-counts-1";

    private readonly ReportCounts _counts;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ILogger _logger;
    private readonly ITimer? _timer;
    private int _disposed;

    /// <summary>
    /// Initializes a new instance of the <see cref="FileTlsReportStore"/> class and reads what the directory holds.
    /// </summary>
    /// <param name="directory">The directory of the files; created when missing.</param>
    /// <param name="limits">How much one day of one domain may hold; <see langword="null"/> for the defaults.</param>
    /// <param name="flushInterval">
    /// How often changed counts are written; <see langword="null"/> for one minute,
    /// <see cref="TimeSpan.Zero"/> for only on <see cref="FlushAsync"/> and disposal.
    /// </param>
    /// <param name="timeProvider">The clock of the flush timer; <see langword="null"/> for the system clock.</param>
    /// <param name="logger">Where unreadable files and failed writes are logged; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="directory"/> is empty, <paramref name="limits"/> is invalid or <paramref name="flushInterval"/>
    /// is negative.
    /// </exception>
    /// <exception cref="IOException">The directory cannot be created or read.</exception>
    public FileTlsReportStore(
        string directory,
        ReportLimits? limits = null,
        TimeSpan? flushInterval = null,
        TimeProvider? timeProvider = null,
        ILogger<FileTlsReportStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ReportLimits copy = limits?.Copy() ?? new ReportLimits();
        copy.Validate();
        TimeSpan interval = flushInterval ?? TimeSpan.FromMinutes(1);
        if (interval < TimeSpan.Zero)
        {
            throw new ArgumentException("The flush interval must not be negative.", nameof(flushInterval));
        }

        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        _counts = new ReportCounts(copy);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Load();
        if (interval > TimeSpan.Zero)
        {
            _timer = (timeProvider ?? TimeProvider.System).CreateTimer(
                static state => _ = ((FileTlsReportStore)state!).FlushQuietlyAsync(), this, interval, interval);
        }
    }

    /// <summary>Gets the full path of the directory.</summary>
    public string Directory { get; }

    /// <summary>Runs after a temporary file is written and flushed, before it replaces the real one.</summary>
    internal Action<string>? BeforeReplace { get; set; }

    /// <inheritdoc/>
    public SessionCountOutcome Add(TlsReportKey key, SessionResult session)
    {
        ArgumentNullException.ThrowIfNull(key.PolicyDomain, nameof(key));
        ArgumentNullException.ThrowIfNull(session);

        return _counts.Add(key, session);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TlsReportKey> GetKeys() => _counts.GetKeys();

    /// <inheritdoc/>
    public IReadOnlyList<PolicyResults>? Find(TlsReportKey key) => _counts.Get(key);

    /// <inheritdoc/>
    /// <exception cref="IOException">The file could not be deleted.</exception>
    public async Task RemoveAsync(TlsReportKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key.PolicyDomain, nameof(key));

        // Under the write gate, so that a flush in progress cannot write the file back afterwards.
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _counts.Remove(key);
            File.Delete(PathOf(key));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>A file that cannot be written is logged and tried again on the next flush.</remarks>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (KeyValuePair<TlsReportKey, List<PolicyResults>> entry in _counts.TakeChanged())
            {
                try
                {
                    Write(entry.Key, entry.Value);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _counts.MarkChanged(entry.Key);
                    Log.WriteFailed(_logger, PathOf(entry.Key), e.Message);
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Writes what changed and stops the flush timer.</summary>
    /// <returns>A task that completes when the counts are written.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _timer?.Dispose();
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what changed and stops the flush timer.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task FlushQuietlyAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.WriteFailed(_logger, Directory, e.Message);
        }
    }

    private string PathOf(TlsReportKey key) =>
        Path.Combine(Directory, key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "!" + key.PolicyDomain.Name
            + Extension);

    private void Write(TlsReportKey key, IReadOnlyList<PolicyResults> policies)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("day", key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("policy-domain", key.PolicyDomain.Name);
            TlsReportWriter.WritePolicies(writer, policies);
            writer.WriteEndObject();
        }

        string path = PathOf(key);
        string temporary = path + TemporaryExtension;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(buffer.WrittenSpan);
            file.Flush(flushToDisk: true);
        }

        BeforeReplace?.Invoke(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    private void Load()
    {
        foreach (string temporary in System.IO.Directory.EnumerateFiles(Directory, "*" + TemporaryExtension))
        {
            // A write that never reached its rename: the file it was to replace still holds the counts.
            File.Delete(temporary);
            Log.TemporaryFileDeleted(_logger, temporary);
        }

        foreach (string path in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension))
        {
            if (TryRead(path, out TlsReportKey key, out List<PolicyResults>? policies, out string? problem))
            {
                _counts.Load(key, policies);
                continue;
            }

            string aside = path + CorruptExtension;
            File.Move(path, aside, overwrite: true);
            Log.FileSetAside(_logger, path, aside, problem);
        }
    }

    private static bool TryRead(
        string path,
        out TlsReportKey key,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out List<PolicyResults>? policies,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        key = default;
        policies = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out JsonElement format) || format.GetString() != Format
                || !root.TryGetProperty("day", out JsonElement day)
                || !DateOnly.TryParseExact(day.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out DateOnly date)
                || !root.TryGetProperty("policy-domain", out JsonElement domain)
                || !PolicyDomain.TryCreate(domain.GetString(), out PolicyDomain? policyDomain))
            {
                problem = "it is not a file of this store.";
                return false;
            }

            policies = TlsReportReader.ReadPolicies(root, out IReadOnlyList<ParseDiagnostic> diagnostics);
            if (policies is null || diagnostics.Count > 0)
            {
                problem = diagnostics.Count > 0 ? diagnostics[0].Message : "it has no policies.";
                policies = null;
                return false;
            }

            key = new TlsReportKey(date, policyDomain);
            problem = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
        {
            problem = e.Message;
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Warning,
            "The report counts file {Path} cannot be read ({Problem}); "
            + "it was renamed to {Aside} and its counts are not reported.")]
        public static partial void FileSetAside(ILogger logger, string path, string aside, string problem);

        [LoggerMessage(102, LogLevel.Warning,
            "Writing the report counts to {Path} failed: {Problem} It is tried again on the next flush.")]
        public static partial void WriteFailed(ILogger logger, string path, string problem);

        [LoggerMessage(103, LogLevel.Debug,
            "Deleted {Path}, a report counts write that did not finish; the previous counts stand.")]
        public static partial void TemporaryFileDeleted(ILogger logger, string path);
    }
}
