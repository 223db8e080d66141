# The accept check of attendanceRecord.schema.json#/$defs/create, from mockgraph/accept.py: do not edit.
DIGEST = 'bf79a64cdf8cc04aedac51e18a0b0516625d2e8ef8d759fc07861f0c93f94620'
FORMATS = ['date-time']
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.attendanceRecord$': re.compile('^#?microsoft\\.graph\\.attendanceRecord$'),
    '^#?microsoft\\.graph\\.azureCommunicationServicesUserIdentity$': re.compile('^#?microsoft\\.graph\\.azureCommunicationServicesUserIdentity$'),
    '^#?microsoft\\.graph\\.communicationsUserIdentity$': re.compile('^#?microsoft\\.graph\\.communicationsUserIdentity$'),
    '^#?microsoft\\.graph\\.(azureCommunicationServicesUserIdentity|communicationsUserIdentity)$': re.compile('^#?microsoft\\.graph\\.(azureCommunicationServicesUserIdentity|communicationsUserIdentity)$'),
    '^#?microsoft\\.graph\\.virtualEventExternalRegistrationInformation$': re.compile('^#?microsoft\\.graph\\.virtualEventExternalRegistrationInformation$'),
    '^#?microsoft\\.graph\\.attendanceInterval$': re.compile('^#?microsoft\\.graph\\.attendanceInterval$'),
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    validate____defs_create(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_create(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.attendanceRecord$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.attendanceRecord$")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must NOT match a disallowed definition")
        if "attendanceIntervals" in data_keys:
            data_keys.remove("attendanceIntervals")
            data__attendanceIntervals = data["attendanceIntervals"]
            if not isinstance(data__attendanceIntervals, (list, tuple, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".attendanceIntervals must be array or null")
            data__attendanceIntervals_is_list = isinstance(data__attendanceIntervals, (list, tuple))
            if data__attendanceIntervals_is_list:
                data__attendanceIntervals_len = len(data__attendanceIntervals)
                for data__attendanceIntervals_x, data__attendanceIntervals_item in enumerate(data__attendanceIntervals):
                    if not isinstance(data__attendanceIntervals_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".attendanceIntervals[{data__attendanceIntervals_x}]".format(**locals()) + " must be object")
                    validate____defs_attendanceinterval(data__attendanceIntervals_item, custom_formats, (name_prefix or "data") + ".attendanceIntervals[{data__attendanceIntervals_x}]".format(**locals()))
        if "emailAddress" in data_keys:
            data_keys.remove("emailAddress")
            data__emailAddress = data["emailAddress"]
            if not isinstance(data__emailAddress, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".emailAddress must be string or null")
        if "externalRegistrationInformation" in data_keys:
            data_keys.remove("externalRegistrationInformation")
            data__externalRegistrationInformation = data["externalRegistrationInformation"]
            validate____defs_virtualeventexternalregistrationinformation(data__externalRegistrationInformation, custom_formats, (name_prefix or "data") + ".externalRegistrationInformation")
        if "identity" in data_keys:
            data_keys.remove("identity")
            data__identity = data["identity"]
            validate____defs_attendancerecord_identity_request(data__identity, custom_formats, (name_prefix or "data") + ".identity")
        if "registrationId" in data_keys:
            data_keys.remove("registrationId")
            data__registrationId = data["registrationId"]
            if not isinstance(data__registrationId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".registrationId must be string or null")
        if "role" in data_keys:
            data_keys.remove("role")
            data__role = data["role"]
            if not isinstance(data__role, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".role must be string or null")
        if "totalAttendanceInSeconds" in data_keys:
            data_keys.remove("totalAttendanceInSeconds")
            data__totalAttendanceInSeconds = data["totalAttendanceInSeconds"]
            validate____defs_edm_int32(data__totalAttendanceInSeconds, custom_formats, (name_prefix or "data") + ".totalAttendanceInSeconds")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_edm_int32(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int, NoneType)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be integer or null")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < -2147483648:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to -2147483648")
        if data > 2147483647:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be smaller than or equal to 2147483647")
    return data

def validate____defs_attendancerecord_identity_request(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['@odata.type']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "@odata.type" in data_keys:
                data_keys.remove("@odata.type")
                data__odatatype = data["@odata.type"]
                if not isinstance(data__odatatype, (str)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
                if isinstance(data__odatatype, str):
                    if not REGEX_PATTERNS['^#?microsoft\\.graph\\.azureCommunicationServicesUserIdentity$'].search(data__odatatype):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.azureCommunicationServicesUserIdentity$")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        validate____defs_azurecommunicationservicesuseridentity(data, custom_formats, (name_prefix or "data") + "")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['@odata.type']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "@odata.type" in data_keys:
                data_keys.remove("@odata.type")
                data__odatatype = data["@odata.type"]
                if not isinstance(data__odatatype, (str)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
                if isinstance(data__odatatype, str):
                    if not REGEX_PATTERNS['^#?microsoft\\.graph\\.communicationsUserIdentity$'].search(data__odatatype):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.communicationsUserIdentity$")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        validate____defs_communicationsuseridentity(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['@odata.type']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.(azureCommunicationServicesUserIdentity|communicationsUserIdentity)$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.(azureCommunicationServicesUserIdentity|communicationsUserIdentity)$")
    return data

def validate____defs_communicationsuseridentity(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.communicationsUserIdentity$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.communicationsUserIdentity$")
        if "displayName" in data_keys:
            data_keys.remove("displayName")
            data__displayName = data["displayName"]
            if not isinstance(data__displayName, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".displayName must be string or null")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string or null")
        if "tenantId" in data_keys:
            data_keys.remove("tenantId")
            data__tenantId = data["tenantId"]
            if not isinstance(data__tenantId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tenantId must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_azurecommunicationservicesuseridentity(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.azureCommunicationServicesUserIdentity$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.azureCommunicationServicesUserIdentity$")
        if "displayName" in data_keys:
            data_keys.remove("displayName")
            data__displayName = data["displayName"]
            if not isinstance(data__displayName, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".displayName must be string or null")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string or null")
        if "azureCommunicationServicesResourceId" in data_keys:
            data_keys.remove("azureCommunicationServicesResourceId")
            data__azureCommunicationServicesResourceId = data["azureCommunicationServicesResourceId"]
            if not isinstance(data__azureCommunicationServicesResourceId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".azureCommunicationServicesResourceId must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_virtualeventexternalregistrationinformation(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventExternalRegistrationInformation$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventExternalRegistrationInformation$")
        if "referrer" in data_keys:
            data_keys.remove("referrer")
            data__referrer = data["referrer"]
            if not isinstance(data__referrer, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".referrer must be string or null")
        if "registrationId" in data_keys:
            data_keys.remove("registrationId")
            data__registrationId = data["registrationId"]
            if not isinstance(data__registrationId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".registrationId must be string or null")
            if isinstance(data__registrationId, str):
                data__registrationId_len = len(data__registrationId)
                if data__registrationId_len > 256:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".registrationId must be shorter than or equal to 256 characters")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_attendanceinterval(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.attendanceInterval$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.attendanceInterval$")
        if "durationInSeconds" in data_keys:
            data_keys.remove("durationInSeconds")
            data__durationInSeconds = data["durationInSeconds"]
            validate____defs_edm_int32(data__durationInSeconds, custom_formats, (name_prefix or "data") + ".durationInSeconds")
        if "joinDateTime" in data_keys:
            data_keys.remove("joinDateTime")
            data__joinDateTime = data["joinDateTime"]
            validate____defs_edm_datetimeoffset(data__joinDateTime, custom_formats, (name_prefix or "data") + ".joinDateTime")
        if "leaveDateTime" in data_keys:
            data_keys.remove("leaveDateTime")
            data__leaveDateTime = data["leaveDateTime"]
            validate____defs_edm_datetimeoffset(data__leaveDateTime, custom_formats, (name_prefix or "data") + ".leaveDateTime")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_edm_datetimeoffset(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string or null")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$")
        if not custom_formats["date-time"](data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be date-time")
    return data
ACCEPTS = validate
