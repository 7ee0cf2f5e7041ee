package dev.funnel.plugins.stagetemplates;

import static dev.funnel.plugin.api.AssigneeRole.MANAGER;
import static dev.funnel.plugin.api.AssigneeRole.OWNER;
import static dev.funnel.plugin.api.AssigneeRole.PRE_SALES;
import static dev.funnel.plugin.api.ForecastCategory.BEST_CASE;
import static dev.funnel.plugin.api.ForecastCategory.COMMIT;
import static dev.funnel.plugin.api.ForecastCategory.PIPELINE;
import static dev.funnel.plugin.api.OpportunityField.AMOUNT;
import static dev.funnel.plugin.api.OpportunityField.DECISION_MAKER;
import static dev.funnel.plugin.api.OpportunityField.EXPECTED_CLOSE_DATE;
import static dev.funnel.plugin.api.OpportunityField.NEXT_STEP;
import static dev.funnel.plugin.api.OpportunityField.PRODUCTS;
import static dev.funnel.plugins.stagetemplates.StageBuilder.stage;

import dev.funnel.plugin.api.ExitCriterion;
import dev.funnel.plugin.api.KeyActivity;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.StageTemplate;
import dev.funnel.plugin.api.StageTemplateProvider;
import java.util.Arrays;
import java.util.List;
import org.pf4j.Extension;

/**
 * Ready-made sales processes (阶段模板) for three industries common among Chinese B2B sellers: high-tech and
 * SaaS, manufacturing, and modern services. Only the open stages are listed; the host adds Won and Lost.
 */
@Extension
public class IndustryStageTemplates implements StageTemplateProvider {

    @Override
    public List<StageTemplate> templates() {
        return List.of(highTechSaas(), manufacturing(), modernServices());
    }

    /** Subscription software sold to companies: qualify, confirm needs, prove value, negotiate, get approval. */
    private static StageTemplate highTechSaas() {
        return template("high-tech-saas", "High-tech and SaaS", "高科技",
                "For software and SaaS vendors selling subscriptions to companies: qualify quickly, prove value "
                        + "with a demo or POC built on the customer's scenarios, then see the deal through "
                        + "procurement and contract approval.",
                "适用于向企业客户销售软件订阅的软件及SaaS厂商：快速验证线索，用贴合客户场景的演示或POC证明价值，"
                        + "再推动客户完成采购和合同审批。",
                stage("lead-qualification", "Lead qualification", "线索验证", 10, PIPELINE, 14)
                        .exit("The customer fits our target profile (industry, size, region)",
                                "客户符合目标客户画像（行业、规模、地域）")
                        .exit("A first conversation with a key contact has taken place", "已与关键联系人完成首次沟通")
                        .exit(NEXT_STEP, "The next step is agreed", "已约定下一步行动")
                        .activity(registrationCheck())
                        .required(OWNER, 5, "Hold a first call with the key contact", "与关键联系人首次沟通",
                                "Find out what triggered the enquiry, which system they use today, how many users "
                                        + "are involved and who else has a say.",
                                "了解咨询的起因、现用系统、使用人数，以及还有哪些人参与决策。"),
                stage("needs-confirmation", "Needs confirmation", "需求确认", 20, PIPELINE, 21)
                        .exit("The customer confirmed the business pain", "客户已确认业务痛点")
                        .exit(budgetConfirmed())
                        .exit(decisionMakerIdentified())
                        .exit(closeDateSet())
                        .required(PRE_SALES, 7, "Run a discovery session", "开展需求调研",
                                "Walk through the current process with business users and IT; write down the "
                                        + "pains and the success criteria in the customer's own words.",
                                "与业务部门和IT一起梳理现有流程，用客户的原话记录痛点和成功标准。")
                        .required(OWNER, 10, "Map the decision chain", "梳理决策链",
                                "Name the decision maker, the budget holder, the technical evaluator and "
                                        + "procurement, and note where each of them stands on the project.",
                                "明确决策人、预算负责人、技术评估人和采购，并记录各自对项目的态度。")
                        .optional(OWNER, 14, "Share a customer story from the same industry", "分享同行业客户案例",
                                "Pick a reference customer of similar size and arrange a call if the prospect asks.",
                                "选择规模相近的标杆客户案例，客户有意向时可安排与其交流。"),
                stage("demo-poc", "Demo and POC", "方案演示/POC", 40, BEST_CASE, 30)
                        .exit("The customer confirmed in writing that the demo or POC met the agreed success "
                                        + "criteria",
                                "客户已书面确认演示或POC达到约定的成功标准")
                        .exit("The customer's IT approved security and integration", "客户IT已认可安全与集成方案")
                        .exit(PRODUCTS, "The products and editions are chosen", "已选定产品及版本")
                        .exit(AMOUNT, "The estimated amount is entered", "已填写预计金额")
                        .required(PRE_SALES, 7, "Give a demo built on the customer's scenarios", "按客户场景演示",
                                "Demo with the customer's own data and processes instead of the standard script, "
                                        + "and make sure the technical evaluator attends.",
                                "用客户自己的数据和业务流程演示，不照搬标准脚本，并确保技术评估人到场。")
                        .required(PRE_SALES, 14, "Complete the security and integration review", "完成安全与集成评估",
                                "Answer the IT security questionnaire and confirm single sign-on, data location, "
                                        + "MLPS compliance and the integration with systems such as the ERP.",
                                "答复客户IT安全问卷，确认单点登录、数据存放位置、等保合规以及与ERP等现有系统的集成方式。")
                        .optional(PRE_SALES, 21, "Run the POC", "组织POC测试",
                                "Agree scope, duration and written success criteria before starting, and review "
                                        + "progress with the customer every week.",
                                "开始前约定测试范围、周期和书面成功标准，每周与客户复盘进展。"),
                stage("negotiation", "Negotiation", "商务谈判", 60, BEST_CASE, 21)
                        .exit("The decision maker accepted the solution and the price range",
                                "决策人已认可方案及价格区间")
                        .exit("Subscription term, number of users and payment terms are agreed",
                                "订阅年限、用户数和付款方式已谈定")
                        .exit(closeDateSet())
                        .required(OWNER, 3, "Send the formal quotation", "发送正式报价单",
                                "Price by edition, users and term, with implementation and training listed "
                                        + "separately; discounts beyond your limit need the sales manager's approval.",
                                "按版本、用户数和订阅年限报价，实施与培训费用单列；超出权限的折扣须先经销售经理审批。")
                        .required(OWNER, 7, "Confirm the customer's procurement process", "确认客户采购流程",
                                "Learn each step (price comparison, vendor registration, internal approvals), who "
                                        + "owns it and when it happens.",
                                "了解客户采购的每个环节（比价、供应商入库、内部审批）、负责人及时间节点。")
                        .optional(MANAGER, 10, "Meet the customer's executive", "销售经理拜访客户高层",
                                "A peer-level meeting to confirm executive support, the go-live date and any "
                                        + "remaining concerns.",
                                "对等拜访客户高层，确认其支持力度、上线时间和尚存的顾虑。"),
                stage("contract-approval", "Contract approval", "合同审批", 80, COMMIT, 14)
                        .exit("The customer's internal approval is complete", "客户内部审批已完成")
                        .exit(contractSigned())
                        .exit(AMOUNT, "The final contract amount is entered", "已填写最终合同金额")
                        .required(OWNER, 2, "Submit the contract for internal review", "提交合同内部评审",
                                "Attach the final quotation; non-standard clauses such as SLA, liability cap and "
                                        + "data processing go to legal.",
                                "附最终报价提交审批；SLA、赔偿上限、数据处理等非标准条款须经法务审核。")
                        .required(OWNER, 7, "Follow the customer's approval and sealing", "跟进客户审批与盖章",
                                "Check with procurement every few days where the contract stands, and arrange the "
                                        + "sealed originals and the invoicing details.",
                                "每隔几天向采购确认合同审批进度，安排双方盖章的合同原件和开票信息。")
                        .optional(PRE_SALES, 10, "Prepare the implementation kick-off", "准备实施启动",
                                "Draft the onboarding plan and introduce the implementation consultant so that "
                                        + "go-live starts right after signing.",
                                "拟定上线计划并引荐实施顾问，确保签约后立即启动实施。"));
    }

    /** Equipment, components and materials for plant projects: long cycles, samples and formal tenders. */
    private static StageTemplate manufacturing() {
        return template("manufacturing", "Manufacturing", "大制造",
                "For makers of equipment, components and materials selling into plant projects: long cycles "
                        + "carried by technical discussions, sample trials and formal tenders.",
                "适用于面向工厂项目销售设备、零部件和原材料的制造企业：销售周期长，依靠技术交流、打样验证和正式招投标推进。",
                stage("project-qualification", "Project qualification", "项目确认", 10, PIPELINE, 30)
                        .exit("The customer's project is approved or budgeted (new line, expansion or upgrade)",
                                "客户项目已立项或列入预算（新建产线、扩产或技改）")
                        .exit("Our products are within the project's purchasing scope", "我方产品在项目采购范围内")
                        .exit(NEXT_STEP, "The next step is agreed", "已约定下一步行动")
                        .activity(registrationCheck())
                        .required(OWNER, 14, "Visit the customer's plant", "拜访客户工厂",
                                "Meet the engineering or equipment department on site; learn the process, the "
                                        + "current suppliers and the project timeline.",
                                "到现场拜访工程部或设备部，了解生产工艺、现有供应商和项目时间表。"),
                stage("technical-discussions", "Technical discussions", "技术交流", 20, PIPELINE, 45)
                        .exit("The technical requirements (specifications, standards, operating conditions) are "
                                        + "documented",
                                "客户技术要求（参数、标准、工况）已形成书面记录")
                        .exit("The customer's engineers agree that our solution meets the requirements",
                                "客户技术人员已认可我方方案满足要求")
                        .exit(decisionMakerIdentified())
                        .exit(PRODUCTS, "The proposed models are entered", "已填写拟选型号")
                        .required(PRE_SALES, 14, "Hold a technical exchange meeting", "组织技术交流会",
                                "Bring an application engineer, present the solution against the customer's "
                                        + "operating conditions and show installations in the same industry.",
                                "请应用工程师参加，针对客户工况讲解方案，并介绍同行业的应用案例。")
                        .required(PRE_SALES, 21, "Write the technical proposal", "编写技术方案",
                                "Include the selection calculations and drawings, and answer the technical "
                                        + "requirements point by point.",
                                "包含选型计算和图纸，并逐条响应客户的技术要求。")
                        .optional(OWNER, 30, "Invite the customer to our factory or a reference site",
                                "邀请客户考察工厂或样板客户",
                                "Let the customer's engineers see production, quality control and equipment "
                                        + "running at a similar plant.",
                                "让客户技术人员实地了解我方生产、质量管控，以及设备在同类工厂的运行情况。"),
                stage("sampling", "Samples and trials", "样品/打样", 40, BEST_CASE, 60)
                        .exit("The samples passed the customer's tests and the test report has been received",
                                "样品已通过客户测试，并已收到测试报告")
                        .exit("We are on the customer's approved supplier list", "我方已进入客户合格供应商名录")
                        .exit(AMOUNT, "The estimated amount is entered", "已填写预计金额")
                        .required(PRE_SALES, 5, "Agree the sample specification and acceptance criteria",
                                "确认打样规格与验收标准",
                                "Before production starts, get the drawing revision, quantity, test method and "
                                        + "pass criteria confirmed in writing.",
                                "投产前书面确认图纸版本、数量、测试方法和合格标准。")
                        .required(OWNER, 30, "Deliver the samples and follow the trial", "交付样品并跟踪试用",
                                "Track delivery, installation and the customer's trial run; collect the test data "
                                        + "and open issues every week.",
                                "跟踪样品交付、安装和客户试用，每周收集测试数据和待解决问题。")
                        .optional(OWNER, 20, "Complete supplier registration", "完成供应商入库",
                                "Submit the business licence, quality certificates (ISO 9001, and IATF 16949 for "
                                        + "automotive) and prepare for the factory audit.",
                                "提交营业执照、质量体系证书（ISO 9001，汽车行业还需IATF 16949），并做好验厂准备。"),
                stage("tendering", "Tender", "招投标", 60, BEST_CASE, 45)
                        .exit("The bid was submitted on time and responds to every requirement of the tender",
                                "投标文件已按时递交，并响应招标文件的全部要求")
                        .exit("The notice of award has been received", "已收到中标通知书")
                        .exit(closeDateSet())
                        .required(OWNER, 3, "Obtain and study the tender documents", "获取并研读招标文件",
                                "Note the qualification requirements, scoring method, grounds for rejection and "
                                        + "deadlines; raise clarification questions in time.",
                                "重点关注资格要求、评分办法、废标条款和截止时间，及时提出澄清问题。")
                        .required(PRE_SALES, 10, "Prepare the technical bid", "编制技术标",
                                "Answer every technical clause, list deviations explicitly and attach certificates "
                                        + "and test reports.",
                                "逐条应答技术条款，明确列出偏离项，并附上资质证书和检测报告。")
                        .required(MANAGER, 12, "Approve the bid price", "审批投标报价",
                                "Weigh cost, margin and the competitors' likely prices, and fix the lowest "
                                        + "acceptable price before the bid is sealed.",
                                "结合成本、毛利和竞争对手可能的报价，在封标前确定价格底线。"),
                stage("negotiation", "Negotiation", "商务谈判", 80, COMMIT, 30)
                        .exit("Price and payment terms (advance, delivery, acceptance, retention) are agreed",
                                "价格及付款方式（预付款、发货款、验收款、质保金）已谈定")
                        .exit("Delivery date, warranty and acceptance terms are agreed", "交货期、质保期和验收条款已谈定")
                        .exit(AMOUNT, "The final amount is entered", "已填写最终成交金额")
                        .required(OWNER, 5, "Confirm the delivery date with production", "与生产部门确认交货期",
                                "Check capacity and material lead times before committing to a delivery date.",
                                "承诺交货期之前，先确认产能和物料采购周期。")
                        .required(OWNER, 10, "Assess the customer's credit", "评估客户信用",
                                "Review the registration data, payment history and litigation records; for large "
                                        + "orders propose a letter of credit or bank acceptance bills.",
                                "查看客户工商信息、历史回款和涉诉记录；大额订单建议采用信用证或银行承兑汇票。")
                        .optional(MANAGER, 14, "Join the final negotiation", "参与最终谈判",
                                "Settle the open points with the customer's procurement head within the authority "
                                        + "agreed beforehand.",
                                "在事先确定的授权范围内，与客户采购负责人敲定剩余争议点。"),
                stage("contract-signing", "Contract signing", "合同签订", 90, COMMIT, 21)
                        .exit(contractSigned())
                        .exit("The technical agreement is signed as an annex to the contract",
                                "技术协议已作为合同附件签署")
                        .required(OWNER, 3, "Submit the contract for internal review", "提交合同内部评审",
                                "Attach the technical agreement and the quotation; sales, engineering, production "
                                        + "and finance review delivery, payment and penalty clauses together.",
                                "附技术协议和报价单，由销售、技术、生产、财务共同评审交期、付款和违约条款。")
                        .required(OWNER, 14, "Collect the signed contract and the advance payment",
                                "回收合同并跟进预付款",
                                "Make sure the original bears the customer's contract seal, and hand the order to "
                                        + "production planning once the advance payment arrives.",
                                "确认合同原件已加盖客户合同专用章，预付款到账后移交生产计划。"));
    }

    /** Consulting, outsourcing, marketing and facility services: need, proposal, price, terms, signature. */
    private static StageTemplate modernServices() {
        return template("modern-services", "Modern services", "现代服务业",
                "For consulting, outsourcing, marketing and facility services firms: won by understanding the "
                        + "need, a clear proposal and well-defined service levels.",
                "适用于咨询、外包、营销、物业等服务企业：靠深入的需求调研、清晰的方案建议书和明确的服务水平赢单。",
                stage("needs-assessment", "Needs assessment", "需求调研", 10, PIPELINE, 21)
                        .exit("The customer confirmed the service scope and the problems to solve",
                                "客户已确认服务范围和要解决的问题")
                        .exit(budgetConfirmed())
                        .exit(decisionMakerIdentified())
                        .activity(registrationCheck())
                        .required(OWNER, 7, "Interview the stakeholders", "访谈关键干系人",
                                "Talk to both the department that uses the service and the one that pays for it; "
                                        + "record the current provider, the pain points and the expected results.",
                                "分别访谈服务使用部门和付费部门，记录现有服务商、痛点和期望效果。")
                        .optional(PRE_SALES, 14, "Survey the site", "现场踏勘",
                                "For on-site services, check the locations, headcount and working hours that "
                                        + "drive the cost.",
                                "涉及驻场服务的，实地查看服务地点、人员规模和作业时段等影响成本的因素。"),
                stage("proposal", "Proposal", "方案建议书", 25, PIPELINE, 21)
                        .exit("The proposal was presented to the decision maker", "方案建议书已向决策人汇报")
                        .exit("The customer confirmed the services, deliverables and service levels (SLA)",
                                "客户已确认服务内容、交付成果和服务水平（SLA）")
                        .exit(PRODUCTS, "The service items are entered", "已填写服务项目")
                        .required(PRE_SALES, 10, "Write the proposal", "撰写方案建议书",
                                "Cover objectives, approach, team, timeline, SLA and comparable cases, with a "
                                        + "one-page summary for executives.",
                                "涵盖目标、服务方法、团队配置、进度计划、SLA和同类案例，并为高层准备一页纸摘要。")
                        .required(OWNER, 14, "Present the proposal", "汇报方案",
                                "Present in person together with the intended project lead; note the objections "
                                        + "and agree how each will be resolved.",
                                "携拟任项目负责人当面汇报，记录客户异议并约定解决办法。"),
                stage("quotation", "Quotation", "报价", 50, BEST_CASE, 14)
                        .exit("The customer received the formal quotation and accepted the pricing model",
                                "客户已收到正式报价，并认可计价方式")
                        .exit(AMOUNT, "The amount is entered", "已填写商机金额")
                        .exit(closeDateSet())
                        .required(PRE_SALES, 3, "Estimate effort and cost", "测算人力与成本",
                                "Build the price from staffing, day rates, travel and subcontracting, and check "
                                        + "the margin against the company's minimum.",
                                "按人员配置、人天单价、差旅和分包成本测算报价，并核对是否达到公司毛利底线。")
                        .required(MANAGER, 5, "Approve the quotation", "审批报价",
                                "Approve discounts and non-standard pricing (success fees, fixed price on an "
                                        + "open scope) before the quotation goes out.",
                                "报价发出前，审批折扣及非标准计价方式（如按效果付费、范围不明确的固定总价）。")
                        .optional(OWNER, 7, "Handle the customer's comparison of providers", "应对客户比价",
                                "Find out which providers are compared and on what; answer with differences in "
                                        + "scope and service level rather than with a price cut.",
                                "了解客户在和哪些服务商比、比什么，用服务范围和服务水平的差异回应，而不是直接降价。"),
                stage("negotiation", "Negotiation", "商务谈判", 70, COMMIT, 21)
                        .exit("Price, payment schedule and service levels are agreed", "价格、付款节点和服务水平已谈定")
                        .exit("The contract template to use (ours or the customer's) is agreed",
                                "已商定使用的合同范本（我方或客户方）")
                        .exit("The service start date is agreed", "服务开始日期已确定")
                        .required(OWNER, 5, "Agree acceptance and payment milestones", "约定验收与付款节点",
                                "Tie each payment to a deliverable or a monthly service report the customer can "
                                        + "sign off.",
                                "每笔付款都对应客户可签收的交付成果或月度服务报告。")
                        .optional(MANAGER, 10, "Hold an executive meeting", "安排高层会谈",
                                "Meet the customer's executive sponsor to confirm expectations for the first "
                                        + "months of service.",
                                "与客户的高层发起人会面，确认对服务初期的期望。"),
                stage("signing", "Contract signing", "签约", 90, COMMIT, 14)
                        .exit(contractSigned())
                        .exit("The project lead and team are confirmed for the start date",
                                "项目负责人及团队已确认，可按期进场")
                        .exit(AMOUNT, "The contract amount is entered", "已填写合同金额")
                        .required(OWNER, 3, "Submit the contract for internal review", "提交合同内部评审",
                                "Legal checks liability, confidentiality and staffing clauses (social insurance, "
                                        + "labour dispatch); finance checks invoicing and the tax rate.",
                                "法务审核责任、保密及人员相关条款（社保、劳务派遣），财务审核开票方式和税率。")
                        .required(PRE_SALES, 10, "Hand over to the delivery team", "移交交付团队",
                                "Hold a handover meeting covering scope, SLA, customer contacts and everything "
                                        + "promised during the sale.",
                                "召开交接会，说明服务范围、SLA、客户联系人以及销售过程中的各项承诺。"));
    }

    private static StageTemplate template(String id, String en, String zh, String descriptionEn,
                                          String descriptionZh, StageBuilder... stages) {
        return new StageTemplate(id, LocalizedText.of(en, zh), LocalizedText.of(descriptionEn, descriptionZh),
                Arrays.stream(stages).map(StageBuilder::build).toList());
    }

    // Criteria and activities that every industry shares.

    private static KeyActivity registrationCheck() {
        return StageBuilder.activity(OWNER, 2, true, "Check for duplicates and file the registration",
                "查重并提交商机报备",
                "Look up the customer's registration data and check that no colleague already owns the customer "
                        + "or the deal before filing the registration.",
                "查询客户工商信息，确认没有同事已跟进该客户或商机（避免撞单），再提交商机报备。");
    }

    private static ExitCriterion budgetConfirmed() {
        return ExitCriterion.checklist("The budget range is confirmed", "预算范围已确认");
    }

    private static ExitCriterion decisionMakerIdentified() {
        return ExitCriterion.requires(DECISION_MAKER, "The decision maker is identified", "已明确决策人");
    }

    private static ExitCriterion closeDateSet() {
        return ExitCriterion.requires(EXPECTED_CLOSE_DATE, "The expected close date is set", "已填写预计成交日期");
    }

    private static ExitCriterion contractSigned() {
        return ExitCriterion.checklist("The contract is signed and sealed by both parties", "合同已由双方签字盖章");
    }
}
