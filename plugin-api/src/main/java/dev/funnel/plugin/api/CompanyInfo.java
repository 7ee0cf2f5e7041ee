package dev.funnel.plugin.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A company as a business registry (工商登记) records it. Any part the registry does not give is {@code null}.
 *
 * @param name                the registered name (企业名称)
 * @param creditCode          the 18-character unified social credit code (统一社会信用代码)
 * @param legalRepresentative the legal representative (法定代表人)
 * @param registeredCapital   the registered capital (注册资本), in units of {@code capitalCurrency}
 * @param capitalCurrency     its ISO 4217 code, for example {@code CNY}
 * @param foundedOn           the date of establishment (成立日期)
 * @param status              the registration status as the registry words it, for example 存续 or 注销
 * @param address             the registered address (注册地址)
 * @since 1.5.0
 */
public record CompanyInfo(String name, String creditCode, String legalRepresentative, BigDecimal registeredCapital,
                          String capitalCurrency, LocalDate foundedOn, String status, String address) {
}
