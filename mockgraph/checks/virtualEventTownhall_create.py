# The accept check of virtualEventTownhall.schema.json#/$defs/create, from mockgraph/accept.py: do not edit.
DIGEST = '62c37aeb77de73fbdf176e77e4267d247aff5ded1d39eb34199bc6648157e838'
FORMATS = []
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.virtualEventTownhall$': re.compile('^#?microsoft\\.graph\\.virtualEventTownhall$'),
    '^organization$': re.compile('^organization$'),
    '^#?microsoft\\.graph\\.communicationsGuestIdentity$': re.compile('^#?microsoft\\.graph\\.communicationsGuestIdentity$'),
    '^#?microsoft\\.graph\\.communicationsUserIdentity$': re.compile('^#?microsoft\\.graph\\.communicationsUserIdentity$'),
    '^#?microsoft\\.graph\\.(communicationsGuestIdentity|communicationsUserIdentity)$': re.compile('^#?microsoft\\.graph\\.(communicationsGuestIdentity|communicationsUserIdentity)$'),
    '^#?microsoft\\.graph\\.virtualEventSettings$': re.compile('^#?microsoft\\.graph\\.virtualEventSettings$'),
    '^#?microsoft\\.graph\\.dateTimeTimeZone$': re.compile('^#?microsoft\\.graph\\.dateTimeTimeZone$'),
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$'),
    '^#?microsoft\\.graph\\.itemBody$': re.compile('^#?microsoft\\.graph\\.itemBody$')
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventTownhall$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventTownhall$")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must NOT match a disallowed definition")
        if "createdBy" in data_keys:
            data_keys.remove("createdBy")
            data__createdBy = data["createdBy"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".createdBy must NOT match a disallowed definition")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            validate____defs_itembody(data__description, custom_formats, (name_prefix or "data") + ".description")
        if "displayName" in data_keys:
            data_keys.remove("displayName")
            data__displayName = data["displayName"]
            if not isinstance(data__displayName, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".displayName must be string or null")
        if "endDateTime" in data_keys:
            data_keys.remove("endDateTime")
            data__endDateTime = data["endDateTime"]
            validate____defs_datetimetimezone(data__endDateTime, custom_formats, (name_prefix or "data") + ".endDateTime")
        if "externalEventInformation" in data_keys:
            data_keys.remove("externalEventInformation")
            data__externalEventInformation = data["externalEventInformation"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".externalEventInformation must NOT match a disallowed definition")
        if "isRegistrationRequired" in data_keys:
            data_keys.remove("isRegistrationRequired")
            data__isRegistrationRequired = data["isRegistrationRequired"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".isRegistrationRequired must NOT match a disallowed definition")
        if "settings" in data_keys:
            data_keys.remove("settings")
            data__settings = data["settings"]
            validate____defs_virtualeventsettings(data__settings, custom_formats, (name_prefix or "data") + ".settings")
        if "startDateTime" in data_keys:
            data_keys.remove("startDateTime")
            data__startDateTime = data["startDateTime"]
            validate____defs_datetimetimezone(data__startDateTime, custom_formats, (name_prefix or "data") + ".startDateTime")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must NOT match a disallowed definition")
        if "audience" in data_keys:
            data_keys.remove("audience")
            data__audience = data["audience"]
            validate____defs_meetingaudience(data__audience, custom_formats, (name_prefix or "data") + ".audience")
        if "capacity" in data_keys:
            data_keys.remove("capacity")
            data__capacity = data["capacity"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".capacity must NOT match a disallowed definition")
        if "coOrganizers" in data_keys:
            data_keys.remove("coOrganizers")
            data__coOrganizers = data["coOrganizers"]
            if not isinstance(data__coOrganizers, (list, tuple, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".coOrganizers must be array or null")
            data__coOrganizers_is_list = isinstance(data__coOrganizers, (list, tuple))
            if data__coOrganizers_is_list:
                data__coOrganizers_len = len(data__coOrganizers)
                for data__coOrganizers_x, data__coOrganizers_item in enumerate(data__coOrganizers):
                    if not isinstance(data__coOrganizers_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".coOrganizers[{data__coOrganizers_x}]".format(**locals()) + " must be object")
                    validate____defs_communicationsuseridentity(data__coOrganizers_item, custom_formats, (name_prefix or "data") + ".coOrganizers[{data__coOrganizers_x}]".format(**locals()))
        if "invitedAttendees" in data_keys:
            data_keys.remove("invitedAttendees")
            data__invitedAttendees = data["invitedAttendees"]
            if not isinstance(data__invitedAttendees, (list, tuple, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".invitedAttendees must be array or null")
            data__invitedAttendees_is_list = isinstance(data__invitedAttendees, (list, tuple))
            if data__invitedAttendees_is_list:
                data__invitedAttendees_len = len(data__invitedAttendees)
                for data__invitedAttendees_x, data__invitedAttendees_item in enumerate(data__invitedAttendees):
                    if not isinstance(data__invitedAttendees_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".invitedAttendees[{data__invitedAttendees_x}]".format(**locals()) + " must be object")
                    validate____defs_virtualeventtownhall_invitedattendees_request(data__invitedAttendees_item, custom_formats, (name_prefix or "data") + ".invitedAttendees[{data__invitedAttendees_x}]".format(**locals()))
        if "isInviteOnly" in data_keys:
            data_keys.remove("isInviteOnly")
            data__isInviteOnly = data["isInviteOnly"]
            if not isinstance(data__isInviteOnly, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isInviteOnly must be boolean or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['isInviteOnly']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "isInviteOnly" in data_keys:
                data_keys.remove("isInviteOnly")
                data__isInviteOnly = data["isInviteOnly"]
                if not (isinstance(data__isInviteOnly, bool) and data__isInviteOnly is True):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".isInviteOnly must be one of [True]")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['audience']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "audience" in data_keys:
                data_keys.remove("audience")
                data__audience = data["audience"]
                if not isinstance(data__audience, (str)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".audience must be string")
                if isinstance(data__audience, str):
                    if not REGEX_PATTERNS['^organization$'].search(data__audience):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".audience must match pattern ^organization$")
    return data

def validate____defs_virtualeventtownhall_invitedattendees_request(data, custom_formats={}, name_prefix=None):
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
                    if not REGEX_PATTERNS['^#?microsoft\\.graph\\.communicationsGuestIdentity$'].search(data__odatatype):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.communicationsGuestIdentity$")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        validate____defs_communicationsguestidentity(data, custom_formats, (name_prefix or "data") + "")
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.(communicationsGuestIdentity|communicationsUserIdentity)$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.(communicationsGuestIdentity|communicationsUserIdentity)$")
    return data

def validate____defs_communicationsguestidentity(data, custom_formats={}, name_prefix=None):
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.communicationsGuestIdentity$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.communicationsGuestIdentity$")
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
        if "email" in data_keys:
            data_keys.remove("email")
            data__email = data["email"]
            if not isinstance(data__email, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".email must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
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

def validate____defs_meetingaudience(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'everyone' or isinstance(data, str) and data == 'organization' or isinstance(data, str) and data == 'unknownFutureValue' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['everyone', 'organization', 'unknownFutureValue', None]")
    return data

def validate____defs_virtualeventsettings(data, custom_formats={}, name_prefix=None):
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventSettings$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventSettings$")
        if "isAttendeeEmailNotificationEnabled" in data_keys:
            data_keys.remove("isAttendeeEmailNotificationEnabled")
            data__isAttendeeEmailNotificationEnabled = data["isAttendeeEmailNotificationEnabled"]
            if not isinstance(data__isAttendeeEmailNotificationEnabled, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isAttendeeEmailNotificationEnabled must be boolean or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_datetimetimezone(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['dateTime']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.dateTimeTimeZone$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.dateTimeTimeZone$")
        if "dateTime" in data_keys:
            data_keys.remove("dateTime")
            data__dateTime = data["dateTime"]
            if not isinstance(data__dateTime, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dateTime must be string")
            if isinstance(data__dateTime, str):
                if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$'].search(data__dateTime):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".dateTime must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$")
        if "timeZone" in data_keys:
            data_keys.remove("timeZone")
            data__timeZone = data["timeZone"]
            if not isinstance(data__timeZone, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".timeZone must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_itembody(data, custom_formats={}, name_prefix=None):
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.itemBody$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.itemBody$")
        if "content" in data_keys:
            data_keys.remove("content")
            data__content = data["content"]
            if not isinstance(data__content, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".content must be string or null")
        if "contentType" in data_keys:
            data_keys.remove("contentType")
            data__contentType = data["contentType"]
            validate____defs_bodytype(data__contentType, custom_formats, (name_prefix or "data") + ".contentType")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_bodytype(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'text' or isinstance(data, str) and data == 'html' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['text', 'html', None]")
    return data
ACCEPTS = validate
