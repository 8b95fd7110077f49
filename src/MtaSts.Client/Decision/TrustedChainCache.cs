using System;
using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Client.Decision;

/// <summary>
/// Remembers certificates whose chain was found trusted, with their DNS-IDs, until the earliest end
/// of validity in the chain, so that a session with a known MX host costs no chain building and no
/// allocation.
/// </summary>
/// <remarks>
/// Only trusted chains are kept: the intermediates a server sends help find a path but do not change
/// whether one exists, so a trusted leaf stays trusted until a certificate of its chain expires.
/// Failures are built again each time, so that a fixed server is seen at once. When the cache is
/// full, expired entries go first and then everything, which keeps the bound without an LRU list.
/// </remarks>
internal sealed class TrustedChainCache
{
    private readonly ConcurrentDictionary<CertificateKey, TrustedChain> _entries = new();
    private readonly int _capacity;

    public TrustedChainCache(int capacity)
    {
        _capacity = capacity;
    }

    public int Count => _entries.Count;

    public bool TryGet(X509Certificate2 certificate, DateTimeOffset now, out TrustedChain? chain)
    {
        if (_capacity > 0
            && _entries.TryGetValue(CertificateKey.Borrow(certificate), out chain)
            && now <= chain.ValidUntil)
        {
            return true;
        }

        chain = null;
        return false;
    }

    public void Add(X509Certificate2 certificate, TrustedChain chain, DateTimeOffset now)
    {
        if (_capacity == 0)
        {
            return;
        }

        if (_entries.Count >= _capacity)
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.ValidUntil < now)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            if (_entries.Count >= _capacity)
            {
                _entries.Clear();
            }
        }

        _entries[CertificateKey.Copy(certificate)] = chain;
    }

    /// <summary>A certificate's DER bytes as a dictionary key.</summary>
    private readonly struct CertificateKey : IEquatable<CertificateKey>
    {
        private readonly ReadOnlyMemory<byte> _der;
        private readonly int _hash;

        private CertificateKey(ReadOnlyMemory<byte> der)
        {
            _der = der;

            // The signature ends the DER encoding and differs between any two certificates, so its
            // last bytes make a good hash without reading the whole certificate.
            ReadOnlySpan<byte> span = der.Span;
            var hash = new HashCode();
            hash.Add(span.Length);
            hash.AddBytes(span[Math.Max(0, span.Length - 16)..]);
            _hash = hash.ToHashCode();
        }

        /// <summary>A key over the certificate's own bytes, for a lookup.</summary>
        public static CertificateKey Borrow(X509Certificate2 certificate) => new(certificate.RawDataMemory);

        /// <summary>A key over a copy of the bytes, which outlives the certificate object.</summary>
        public static CertificateKey Copy(X509Certificate2 certificate) => new(certificate.RawDataMemory.ToArray());

        public bool Equals(CertificateKey other) => _hash == other._hash && _der.Span.SequenceEqual(other._der.Span);

        public override bool Equals(object? obj) => obj is CertificateKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
