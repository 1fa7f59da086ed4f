/// The stable JSON form of a message. Enums are lowercase strings, times RFC 3339 strings,
/// durations seconds as numbers, ids numbers. Absent optional fields are written as null.
///
/// ```json
/// {"id":42,"kind":"task","priority":"high","status":"pending","sender":"cli",
///  "recipient":"agent:Agent-1","body":{"json":{"n":1}},"tags":["build"],"metadata":{},
///  "createdAt":"2026-11-25T21:34:55.123Z","updatedAt":"2026-11-25T21:34:55.123Z",
///  "ttl":30,"expiresAt":"2026-11-25T21:35:25.123Z","attempt":0,"maxAttempts":4,
///  "dependsOn":[41],"correlationId":null,"lastError":null,"leaseOwner":null,
///  "leaseExpiresAt":null,"availableAt":null,"retryPolicy":null}
/// ```
extension Message: Codable {
    private enum Keys: String, CodingKey {
        case id, kind, priority, status, sender, recipient, body, tags, metadata, createdAt, updatedAt, ttl,
            expiresAt, attempt, maxAttempts, dependsOn, correlationId, lastError, leaseOwner, leaseExpiresAt,
            availableAt, retryPolicy
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let ttlSeconds = try container.decodeIfPresent(Double.self, forKey: .ttl)
        self.init(
            id: try container.decode(MessageID.self, forKey: .id),
            kind: try container.decode(MessageKind.self, forKey: .kind),
            priority: try container.decode(Priority.self, forKey: .priority),
            status: try container.decode(MessageStatus.self, forKey: .status),
            sender: try container.decode(String.self, forKey: .sender),
            recipient: try container.decode(Recipient.self, forKey: .recipient),
            body: try container.decodeIfPresent(MessageBody.self, forKey: .body) ?? .empty,
            tags: try container.decodeIfPresent([String].self, forKey: .tags) ?? [],
            metadata: try container.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:],
            createdAt: try container.decode(Instant.self, forKey: .createdAt),
            ttl: ttlSeconds.map { Duration.seconds(fractional: $0) },
            attempt: try container.decodeIfPresent(Int.self, forKey: .attempt) ?? 0,
            maxAttempts: try container.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? RetryPolicy.standard.maxAttempts,
            dependsOn: try container.decodeIfPresent([MessageID].self, forKey: .dependsOn) ?? [],
            correlationID: try container.decodeIfPresent(MessageID.self, forKey: .correlationId),
            lastError: try container.decodeIfPresent(String.self, forKey: .lastError),
            retryPolicy: try container.decodeIfPresent(RetryPolicy.self, forKey: .retryPolicy))
        let updated = try container.decodeIfPresent(Instant.self, forKey: .updatedAt) ?? createdAt
        let deadline =
            try container.decodeIfPresent(Instant.self, forKey: .leaseExpiresAt)
            ?? container.decodeIfPresent(Instant.self, forKey: .availableAt)
        restoreLease(
            owner: try container.decodeIfPresent(String.self, forKey: .leaseOwner), deadline: deadline,
            updatedAt: updated)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(priority, forKey: .priority)
        try container.encode(status, forKey: .status)
        try container.encode(sender, forKey: .sender)
        try container.encode(recipient, forKey: .recipient)
        try container.encode(body, forKey: .body)
        try container.encode(tags, forKey: .tags)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(ttl?.seconds, forKey: .ttl)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(maxAttempts, forKey: .maxAttempts)
        try container.encode(dependsOn, forKey: .dependsOn)
        try container.encode(correlationID, forKey: .correlationId)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(leaseOwner, forKey: .leaseOwner)
        try container.encode(leaseExpiresAt, forKey: .leaseExpiresAt)
        try container.encode(availableAt, forKey: .availableAt)
        try container.encode(retryPolicy, forKey: .retryPolicy)
    }
}
