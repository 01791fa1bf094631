// The hand-written base of the generated Swift `Shop` (module VitrinaShop, over uniffi's Vitrina): JSON
// in the core's form (exact decimals and money as strings, RFC 3339 dates), calls by name, `ShopError`.
import Foundation
import Vitrina

/// An exact decimal read from and written as its JSON string (`"12.50"`), never through a float.
public struct ExactDecimal: Codable, Hashable, Sendable {
    /// The amount.
    public var value: Decimal

    /// Wraps [value].
    public init(_ value: Decimal) { self.value = value }

    /// Reads decimal text (`"12.50"`) with the POSIX locale.
    public static func parse(_ text: String) throws -> Decimal {
        guard let value = Decimal(string: text, locale: Foundation.Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a decimal: \(text)"))
        }
        return value
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = try ExactDecimal.parse(text)
        } else {
            value = try container.decode(Decimal.self)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.description)
    }
}

/// An exact amount and its ISO 4217 currency: `"12.30 EUR"` in the core's JSON.
public struct Money: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The amount.
    public var amount: Decimal
    /// The ISO 4217 code (`EUR`).
    public var currency: String

    /// [amount] in [currency].
    public init(amount: Decimal, currency: String) {
        self.amount = amount
        self.currency = currency
    }

    /// Reads `"12.30 EUR"`.
    public init(_ text: String) throws {
        let parts = text.split(separator: " ")
        guard parts.count == 2 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not money: \(text)"))
        }
        self.init(amount: try ExactDecimal.parse(String(parts[0])), currency: String(parts[1]))
    }

    /// `12.3 EUR`, as the core reads it.
    public var description: String { "\(amount.description) \(currency)" }

    public init(from decoder: Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

private func malformed(_ what: String, _ text: String) -> Error {
    DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a \(what): \(text)"))
}

/// A calendar date (`2026-04-14`), in no time zone.
public struct LocalDate: Codable, Hashable, Sendable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int

    /// The date [year]-[month]-[day].
    public init(year: Int, month: Int, day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Reads `2026-04-14`.
    public init(text: String) throws {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { throw malformed("date", text) }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public init(from decoder: Decoder) throws {
        try self.init(text: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A wall-clock time (`09:30:00`).
public struct LocalTime: Codable, Hashable, Sendable, CustomStringConvertible {
    public var hour: Int, minute: Int, second: Int

    /// The time [hour]:[minute]:[second].
    public init(hour: Int, minute: Int, second: Int = 0) {
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }

    /// Reads `09:30` or `09:30:00` (fractions of a second are dropped).
    public init(text: String) throws {
        let parts = text.split(separator: ":").map { Int(Double($0) ?? -1) }
        guard parts.count >= 2, parts.allSatisfy({ $0 >= 0 }) else { throw malformed("time", text) }
        self.init(hour: parts[0], minute: parts[1], second: parts.count > 2 ? parts[2] : 0)
    }

    public var description: String { String(format: "%02d:%02d:%02d", hour, minute, second) }

    public init(from decoder: Decoder) throws {
        try self.init(text: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A duration in whole seconds, ISO 8601 in the core's JSON (`PT48H`).
public struct ISODuration: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The length in seconds (negative for a signed duration back in time).
    public var seconds: Int64

    /// A duration of [seconds].
    public init(seconds: Int64) { self.seconds = seconds }

    /// A duration of [hours].
    public static func hours(_ hours: Int64) -> ISODuration { ISODuration(seconds: hours * 3600) }

    /// Reads `PT48H`, `PT1H30M`, `P2DT4H`, `-PT5M` (fractions of a second are dropped).
    public init(text: String) throws {
        var rest = Substring(text.uppercased())
        let sign: Int64 = rest.hasPrefix("-") ? -1 : 1
        if rest.hasPrefix("-") || rest.hasPrefix("+") { rest = rest.dropFirst() }
        guard rest.hasPrefix("P") else { throw malformed("duration", text) }
        var total: Int64 = 0, number = "", inTime = false
        for character in rest.dropFirst() {
            switch character {
            case "T": inTime = true
            case "0"..."9", ".": number.append(character)
            default:
                let units: [Character: Int64] = inTime ? ["H": 3600, "M": 60, "S": 1] : ["W": 604_800, "D": 86400]
                guard let unit = units[character], let value = Double(number) else { throw malformed("duration", text) }
                total += Int64(value) * unit
                number = ""
            }
        }
        self.init(seconds: sign * total)
    }

    public var description: String {
        let magnitude = seconds.magnitude
        let (hours, minutes, secs) = (magnitude / 3600, magnitude % 3600 / 60, magnitude % 60)
        var text = (seconds < 0 ? "-" : "") + "PT"
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if secs > 0 || magnitude == 0 { text += "\(secs)S" }
        return text
    }

    public init(from decoder: Decoder) throws {
        try self.init(text: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Two values written as a two-item JSON array (the core's tuples).
public struct Pair<First: Codable & Hashable & Sendable, Second: Codable & Hashable & Sendable>:
    Codable, Hashable, Sendable
{
    public var first: First
    public var second: Second

    /// The pair ([first], [second]).
    public init(_ first: First, _ second: Second) {
        (self.first, self.second) = (first, second)
    }

    public init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        first = try container.decode(First.self)
        second = try container.decode(Second.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(first)
        try container.encode(second)
    }
}

/// Any JSON value (a provider's payload).
public enum JSONValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

/// How the shop's JSON is read and written: RFC 3339 instants in UTC (fractions of a second kept).
public enum ShopJSON {
    private static func formatter(fractions: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractions ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }

    /// [date] in RFC 3339, UTC.
    public static func timestamp(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        return formatter(fractions: !whole).string(from: date)
    }

    /// The instant of RFC 3339 [text].
    public static func date(_ text: String) throws -> Date {
        guard let date = formatter(fractions: true).date(from: text) ?? formatter(fractions: false).date(from: text)
        else { throw malformed("date-time", text) }
        return date
    }

    /// The decoder of results.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in try date(decoder.singleValueContainer().decode(String.self)) }
        return decoder
    }

    /// The encoder of arguments.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        return encoder
    }

    /// A schema default of a generated type, from its JSON (always valid: it comes from `api.json`).
    public static func defaultValue<T: Decodable>(_ json: String) -> T {
        // swiftlint:disable:next force_try
        try! decoder().decode(T.self, from: Data(json.utf8))
    }
}

/// One named argument of a use case, written in the core's JSON form.
public struct ShopArgument: Encodable {
    private let write: (Encoder) throws -> Void

    /// [value] as the argument.
    public init<T: Encodable>(_ value: T) { write = value.encode(to:) }

    public func encode(to encoder: Encoder) throws { try write(encoder) }
}

private struct ArgumentKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct Arguments: Encodable {
    let members: KeyValuePairs<String, ShopArgument>

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: ArgumentKey.self)
        for (key, value) in members { try container.encode(value, forKey: ArgumentKey(stringValue: key)) }
    }
}

/// Runs [body], raising a failure of the core as the `ShopError` of its domain.
private func raising<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let ShopCallError.Failed(code, field, domain, detail, outcomeUnknown, conflict) {
        throw ShopError.of(ShopFailure(code: code, field: field, domain: domain, message: detail,
                                       outcomeUnknown: outcomeUnknown, conflict: conflict))
    }
}

private func raisingNow<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let ShopCallError.Failed(code, field, domain, detail, outcomeUnknown, conflict) {
        throw ShopError.of(ShopFailure(code: code, field: field, domain: domain, message: detail,
                                       outcomeUnknown: outcomeUnknown, conflict: conflict))
    }
}

/// What the core says about a failed use case.
public struct ShopFailure: Hashable, Sendable {
    /// The core's stable snake_case code (`zero_quantity`).
    public let code: String
    /// The input field concerned, when there is one.
    public let field: String?
    /// The part of the core that refused (`cart`, `payment`, `shop`).
    public let domain: String
    /// The human-readable message.
    public let message: String
    /// The outcome of a money movement is unknown: repeat with the same key.
    public let outcomeUnknown: Bool
    /// The call lost a race to another writer: read again and retry.
    public let conflict: Bool
}

/// An opened shop as the generated use-case groups call it: by use-case name, with JSON.
public final class ShopCore: @unchecked Sendable {
    private let handle: ShopHandle

    init(handle: ShopHandle) { self.handle = handle }

    static func open(url: String, plugins: Plugins, clockAt: Date?) async throws -> ShopCore {
        let at = clockAt.map(ShopJSON.timestamp)
        return try await raising {
            ShopCore(handle: try await ShopHandle.open(url: url, plugins: plugins.gathered, clockAt: at))
        }
    }

    /// Runs the use case [name] with its named arguments and reads its result.
    public func call<R: Decodable>(_ name: String, _ args: KeyValuePairs<String, ShopArgument>) async throws -> R {
        let json = try await raw(name, args)
        return try ShopJSON.decoder().decode(R.self, from: Data(json.utf8))
    }

    /// Runs the use case [name], which answers nothing.
    public func run(_ name: String, _ args: KeyValuePairs<String, ShopArgument>) async throws {
        _ = try await raw(name, args)
    }

    private func raw(_ name: String, _ args: KeyValuePairs<String, ShopArgument>) async throws -> String {
        let text = String(decoding: try ShopJSON.encoder().encode(Arguments(members: args)), as: UTF8.self)
        return try await raising { try await handle.call(name: name, argsJson: text) }
    }

    /// The shop's time now.
    public func now() throws -> Date {
        try ShopJSON.date(handle.now())
    }

    /// Sets the hand-set clock to [at].
    public func setTime(_ at: Date) throws {
        try raisingNow { try handle.setTime(at: ShopJSON.timestamp(at)) }
    }

    /// Moves the hand-set clock forward by [by].
    public func advance(_ by: ISODuration) throws {
        try raisingNow { try handle.advance(by: by.description) }
    }
}

/// The plug-ins a shop is opened with: a payment gateway per payment method, couriers, a mailer and
/// the knowledge-base search index (requests and answers in the core's JSON, see `PaymentGatewayPlugin`).
public final class Plugins {
    let gathered = ShopPlugins()

    /// No plug-ins yet.
    public init() {}

    /// Takes payments of [method] through [gateway].
    @discardableResult
    public func gateway(_ method: PaymentMethod, _ gateway: PaymentGatewayPlugin) throws -> Plugins {
        try raisingNow { try gathered.gateway(method: method.rawValue, gateway: gateway) }
        return self
    }

    /// Ships with [courier], under its name.
    @discardableResult
    public func courier(_ courier: CourierPlugin) throws -> Plugins {
        try raisingNow { try gathered.courier(courier: courier) }
        return self
    }

    /// Ships with the shop's own drivers (courier `own-fleet`), [fleet] kept for the drivers' reports
    /// (`fleet.driverUpdate(reportJson:)`).
    @discardableResult
    public func ownFleet(_ fleet: OwnFleetHandle) -> Plugins {
        gathered.ownFleet(fleet: fleet)
        return self
    }

    /// Ships with the test courier (courier `test`), [courier] kept to move its clock.
    @discardableResult
    public func testCourier(_ courier: TestCourierHandle) -> Plugins {
        gathered.testCourier(courier: courier)
        return self
    }

    /// Takes payments of [method] through the magic-card gateway [gateway].
    @discardableResult
    public func testGateway(_ method: PaymentMethod, _ gateway: TestGatewayHandle) throws -> Plugins {
        try raisingNow { try gathered.testGateway(method: method.rawValue, gateway: gateway) }
        return self
    }

    /// Sends the shop's e-mail through [mailer].
    @discardableResult
    public func mailer(_ mailer: MailerPlugin) -> Plugins {
        gathered.mailer(mailer: mailer)
        return self
    }

    /// Searches the knowledge base with tantivy, in memory or in [directory].
    @discardableResult
    public func searchIndex(directory: String? = nil) throws -> Plugins {
        try raisingNow { try gathered.searchIndex(directory: directory) }
        return self
    }
}
